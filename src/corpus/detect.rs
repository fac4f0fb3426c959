//! Deciding what kind of page a text is, from its content alone (never the file name).

use super::{Kind, article, chrome, listing, numbering, unroll};

/// At least this many believed numbering markers make a text a thread without other signs.
const MIN_MARKERS: usize = 3;

/// The kind of page `text` is. Page furniture is the strongest sign, then an article's head,
/// and only then numbering markers (an article's numbered list is not a thread).
pub fn kind(text: &str) -> Kind {
    // An unroll page's "More from @user" section lists other threads as a listing does.
    let (own, more_from) = unroll::split_more_from(text);
    let lines: Vec<&str> = own.lines().map(str::trim).collect();
    // Excerpts under an unroller's header are its author's other threads, however the
    // section over them is headed: the page is the unroll.
    let excerpts = lines.iter().any(|l| listing::read_more(l).is_some());
    if more_from.is_none() && excerpts && !unroll::has_header(&lines) {
        return Kind::Listing;
    }
    if has_unroller_furniture(&lines) || unroll::has_header_under_furniture(&lines) {
        return Kind::Unroll;
    }
    if is_blog(&lines) {
        return Kind::Blog;
    }
    let content = chrome::content_lines(text);
    let markers = numbering::detect(&content)
        .map(|(_, m)| m)
        .unwrap_or_default();
    let believed: Vec<&numbering::Marker> = markers.iter().flatten().collect();
    // "1/", "2/5": a thread's numbering, never an article's list, even under a title and a
    // date, when it counts one thread ("1/2 cup", "2/3 cup" are measures) from the top.
    let slashed: Vec<&&numbering::Marker> =
        believed.iter().filter(|m| m.label.contains('/')).collect();
    // One count where any is given: "1/", "2/", "3/3" counts three.
    let mut totals = slashed.iter().filter_map(|m| m.total);
    let one_total = totals.next().is_none_or(|t| totals.all(|u| u == t));
    let first = markers
        .iter()
        .position(Option::is_some)
        .unwrap_or(usize::MAX);
    let above: Vec<&str> = (content.iter().take(first))
        .filter(|l| !l.trim().is_empty())
        .copied()
        .collect();
    // A title and a date may stand above post 1, and a byline between them.
    let head = above.len() <= 2
        || (above.len() == 3
            && article::is_by_line(above[1])
            && article::byline(above[1]).is_some()
            && article::is_date(above[2]));
    // "1/2", "2/2" (or "1/", "2/"): a thread of two, every post numbered as its total
    // says, or from one on in order, each a paragraph of its own, where none is said.
    let in_order = (slashed.iter().enumerate()).all(|(i, m)| m.number as usize == i + 1);
    let untotalled = in_order
        && slashed.iter().all(|m| m.total.is_none())
        && paragraphs_apart(&content, &markers);
    let complete =
        slashed.len() >= 2 && (slashed[0].total == Some(slashed.len() as u32) || untotalled);
    if (slashed.len() >= MIN_MARKERS || complete) && one_total && head {
        return Kind::Unroll;
    }
    // "Ann (@ann) · Feb 20, 2024" above paragraphs: a thread written out without numbers
    // (an article's head does not name a handle so; its reader would keep it as text).
    if unroll::opens_with_attribution(&content) {
        return Kind::Unroll;
    }
    if article::has_article_head(&content) {
        return Kind::Article;
    }
    if believed.len() >= MIN_MARKERS {
        return Kind::Unroll;
    }
    Kind::Plain
}

/// Whether every marker of `markers` (one a line of `content`) stands in a paragraph of
/// its own: a blank line between each and the next.
fn paragraphs_apart(content: &[&str], markers: &[Option<numbering::Marker>]) -> bool {
    let at = numbering::marked_lines(markers);
    let blank_between = |w: &[usize]| content[w[0] + 1..w[1]].iter().any(|l| l.trim().is_empty());
    at.windows(2).all(blank_between)
}

/// An unroller's header or footer.
pub(super) fn has_unroller_furniture(lines: &[&str]) -> bool {
    let footer = lines.iter().any(|l| {
        l.starts_with("Tip: mention @")
            || *l == "Latest Threads Unrolled:"
            || l.contains("Thread Reader")
            || chrome::is_unroller_notice(l)
    });
    let fragments = lines.iter().filter(|l| unroll::is_post_fragment(l)).count() >= 2;
    footer
        || fragments
        || unroll::has_header(lines)
        || unroll::footer_author(lines.iter().copied()).is_some()
}

/// A blog platform's furniture or byline.
fn is_blog(lines: &[&str]) -> bool {
    let furniture = lines
        .iter()
        .any(|l| l.eq_ignore_ascii_case("top of page") || l.eq_ignore_ascii_case("bottom of page"));
    furniture || article::has_blog_byline(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_by_read_more_lines() {
        assert_eq!(kind("Heading\n\nA post.\nRead 4 tweets\n"), Kind::Listing);
        // Under an unroller's header, excerpts are the author's others: an unroll.
        let unroll = "Ann Example @annex\nMay 3, 2023 · 2 tweets · 1 min read\nOne.\nTwo.\n\nOther threads\n\nA post.\nRead 4 tweets\n";
        assert_eq!(kind(unroll), Kind::Unroll);
    }

    #[test]
    fn unroll_by_header_footer_or_markers() {
        assert_eq!(
            kind("Ann Profile picture\nMay 1 2 tweets 1 min read\na 1/\nb 2/2\n"),
            Kind::Unroll
        );
        assert_eq!(
            kind("a post\nanother\nYou can follow @ann.\n"),
            Kind::Unroll
        );
        assert_eq!(kind("one 1/\ntwo 2/\nthree 3/\n"), Kind::Unroll);
    }

    #[test]
    fn slash_numbering_makes_a_thread_under_an_articles_head() {
        let text = "Ash dieback\nJan 20, 2025\n\n1/ It is everywhere.\n\n2/ Alder does well.\n\n3/ Lime too.\n";
        assert_eq!(kind(text), Kind::Unroll);
        let listed = "Ash dieback\nJan 20, 2025\n\n1. It is everywhere.\n\n2. Alder does well.\n\n3. Lime too.\n";
        assert_eq!(kind(listed), Kind::Article);
        // Measures are no thread; nor is a thread quoted further down an article.
        let recipe = "Scones\nJan 20, 2025\n\n1/2 cup flour\n2/3 cup milk\n3/4 tsp salt\n";
        assert_ne!(kind(recipe), Kind::Unroll);
        let quoted = "Ferry news\n\nBy Ann Example\n3 May 2023\n\nThe councillor wrote a thread.\n\nIt said:\n\n1/ No milk.\n\n2/ No bread.\n\n3/ No date.\n";
        assert_eq!(kind(quoted), Kind::Article);
    }

    #[test]
    fn two_markers_alone_do_not_make_a_thread() {
        assert_eq!(kind("one 1/\ntwo 2/\n"), Kind::Plain);
        // Unless they count a thread of two, whole: "1/2", "2/2", or "1/", "2/" a
        // paragraph each.
        assert_eq!(kind("1/2 One.\n\n2/2 Two.\n"), Kind::Unroll);
        assert_eq!(kind("1/3 One.\n\n2/3 Two.\n"), Kind::Plain);
        assert_eq!(kind("1/ One.\n\n2/ Two.\n"), Kind::Unroll);
        assert_eq!(kind("One. 1/\n\nTwo. 2/\n"), Kind::Unroll);
        assert_eq!(kind("2/ One.\n\n3/ Two.\n"), Kind::Plain);
        assert_eq!(kind("1/ One.\n\n1/ Two.\n"), Kind::Plain);
    }

    #[test]
    fn blog_by_furniture_or_byline() {
        assert_eq!(kind("top of page\nTitle\n\nBody.\n"), Kind::Blog);
        assert_eq!(
            kind("Writer's pictureAnn Example\n\nTitle\n\nBody.\n"),
            Kind::Blog
        );
    }

    #[test]
    fn article_by_head() {
        assert_eq!(
            kind("Headline\n\nAnn Example\n9 Nov 2021\n\nOne.\n\nTwo.\n"),
            Kind::Article
        );
    }

    #[test]
    fn a_blog_with_a_numbered_list_is_a_blog() {
        let text = "top of page\nTitle\n\nPillars:\n\n1. One\n\n2. Two\n\n3. Three\n\nEnd.\n";
        assert_eq!(kind(text), Kind::Blog);
    }

    #[test]
    fn anything_else_is_plain() {
        assert_eq!(kind("Just a note.\n\nWith two paragraphs.\n"), Kind::Plain);
        assert_eq!(kind(""), Kind::Plain);
    }
}
