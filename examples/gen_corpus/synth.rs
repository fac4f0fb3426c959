//! The synthetic corpus: documents in every format the reader understands, with long-tailed
//! names, emoji, wide characters, site chrome and a few damaged files. Shared by the
//! `gen_corpus` example and the benchmarks. The generator has its own small PRNG, so no
//! crate update can change the bytes a seed gives.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: tiny, fast, and fixed forever, which is what a reproducible corpus needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An index in 0..n with a long tail: log-uniform, so the first few are very common
    /// and most are rare, as names are in real collections.
    fn tail(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "care",
    "review",
    "children",
    "family",
    "support",
    "social",
    "work",
    "young",
    "people",
    "system",
    "reform",
    "report",
    "council",
    "local",
    "services",
    "funding",
    "homes",
    "foster",
    "kinship",
    "adoption",
    "placement",
    "practice",
    "evidence",
    "policy",
    "change",
    "voice",
    "rights",
    "advocacy",
    "budget",
    "market",
    "profit",
    "provider",
    "workforce",
    "training",
    "trust",
    "relationships",
    "love",
    "stability",
    "safety",
    "outcomes",
    "experience",
    "leavers",
    "education",
    "health",
    "housing",
    "poverty",
    "community",
    "early",
    "help",
    "prevention",
    "protection",
    "court",
    "parents",
    "carers",
    "siblings",
    "school",
    "mental",
    "recovery",
    "data",
    "research",
    "inspection",
    "standards",
    "quality",
    "national",
    "regional",
    "plan",
    "consultation",
    "response",
    "government",
    "minister",
    "parliament",
    "committee",
    "debate",
    "campaign",
    "charity",
    "sector",
    "leaders",
    "frontline",
    "teams",
    "caseloads",
    "pressure",
    "investment",
    "million",
    "billion",
    "year",
    "month",
    "week",
    "today",
    "again",
    "still",
    "must",
    "should",
    "could",
    "would",
    "never",
    "always",
    "often",
    "really",
    "clearly",
    "important",
    "difficult",
    "welcome",
    "concern",
    "hope",
    "listen",
    "learn",
    "build",
    "fund",
    "deliver",
    "promise",
    "commit",
    "ensure",
    "reduce",
    "increase",
    "protect",
    "value",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "on",
    "with",
    "that",
    "this",
    "is",
    "are",
    "we",
    "our",
];

const FIRST: &[&str] = &[
    "Amara", "Ben", "Chloe", "Dev", "Ellie", "Femi", "Grace", "Hassan", "Isla", "Jamal", "Katie",
    "Liam", "Maya", "Niall", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wren",
    "Yusuf", "Zoe", "Aoife", "Bryn", "Cerys", "Dafydd", "Eilidh", "Fraser", "Gwen", "Hamish",
    "Ines", "Jude", "Kofi", "Lena", "Mo", "Nadia", "Owen", "Piotr", "Ravi", "Siobhan", "Tom",
    "Ula", "Vera", "Will", "Xin", "Yara", "Zain",
];

const LAST: &[&str] = &[
    "Adams",
    "Begum",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Quigley",
    "Reid",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Xu",
    "Young",
    "Zielinski",
    "Ahmed",
    "Baker",
    "Campbell",
    "Doyle",
    "Ellis",
    "Foster",
    "Gill",
    "Hart",
    "Irwin",
    "Jackson",
    "Kelly",
    "Lloyd",
    "Murphy",
    "Nash",
    "O'Brien",
    "Price",
    "Rahman",
    "Shaw",
    "Turner",
    "Walker",
];

const PLACES: &[&str] = &[
    "Northfield",
    "Eastbrook",
    "Westmoor",
    "Southdale",
    "Riverside",
    "Hillcrest",
    "Kingsmead",
    "Ashford",
    "Blackwater",
    "Cliffton",
    "Deanbury",
    "Elmstead",
    "Fairhaven",
    "Glenholm",
    "Harrowgate",
    "Ivybridge",
    "Larkhill",
    "Marshfield",
    "Newbold",
    "Oakridge",
];

const ORG_WORDS: &[&str] = &[
    "Trust",
    "Council",
    "Network",
    "Foundation",
    "Alliance",
    "Partnership",
    "Institute",
    "Association",
    "Society",
    "Centre",
    "Coalition",
    "Forum",
    "Commission",
    "Collective",
];

const EMOJI: &[&str] = &["🧵", "👇", "▪️", "📢", "💔", "🙏", "✊", "📊"];

const WIDE: &[&str] = &["子どもの権利", "社会福祉", "가족 지원", "儿童保护"];

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The corpus's populations of names, fixed by the seed.
struct World {
    authors: Vec<String>,
    handles: Vec<String>,
    hashtags: Vec<String>,
    organisations: Vec<String>,
}

impl World {
    fn new(rng: &mut Rng) -> World {
        let authors = (0..4000)
            .map(|i| {
                let first = FIRST[i % FIRST.len()];
                let last = LAST[(i / FIRST.len() + rng.below(7)) % LAST.len()];
                match i / (FIRST.len() * LAST.len()) {
                    0 => format!("{first} {last}"),
                    n => format!("{first} {last}-{}", LAST[n % LAST.len()]),
                }
            })
            .collect();
        let handles = (0..8000)
            .map(|i| {
                let first = FIRST[rng.below(FIRST.len())].to_lowercase();
                let last = LAST[rng.below(LAST.len())].replace('\'', "");
                format!("{first}{last}{i}")
            })
            .collect();
        let hashtags = (0..5000)
            .map(|i| {
                let a = capitalise(WORDS[rng.below(100)]);
                let b = capitalise(WORDS[rng.below(100)]);
                if i < 100 {
                    format!("{a}{b}")
                } else {
                    format!("{a}{b}{}", i % 97)
                }
            })
            .collect();
        let organisations = (0..3000)
            .map(|i| {
                let place = PLACES[rng.below(PLACES.len())];
                let word = ORG_WORDS[rng.below(ORG_WORDS.len())];
                match i % 4 {
                    0 => format!("{place} {word}"),
                    1 => format!(
                        "{} {word} of {place} {}",
                        capitalise(WORDS[rng.below(60)]),
                        i
                    ),
                    2 => format!("{place} Children's {word} {i}"),
                    _ => format!("{} for {} {i}", word, capitalise(WORDS[rng.below(60)])),
                }
            })
            .collect();
        World {
            authors,
            handles,
            hashtags,
            organisations,
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One post's text: a few sentences with entities, emoji and now and then wide characters,
/// kept under the platform's limit.
fn post_text(rng: &mut Rng, world: &World) -> String {
    let mut text = String::new();
    for _ in 0..rng.range(2, 4) {
        let words = rng.range(8, 22);
        let mut sentence: Vec<String> = (0..words).map(|_| rng.pick(WORDS).to_string()).collect();
        sentence[0] = capitalise(&sentence[0]);
        if rng.chance(30) {
            let at = rng.below(words);
            sentence.insert(
                at,
                format!("#{}", world.hashtags[rng.tail(world.hashtags.len())]),
            );
        }
        if rng.chance(30) {
            let at = rng.below(words);
            sentence.insert(
                at,
                format!("@{}", world.handles[rng.tail(world.handles.len())]),
            );
        }
        if rng.chance(20) {
            let at = rng.below(words);
            let org = &world.organisations[rng.tail(world.organisations.len())];
            sentence.insert(at, format!("the {org}"));
        }
        if rng.chance(10) {
            sentence.push(rng.pick(WIDE).to_string());
        }
        let _ = write!(text, "{}. ", sentence.join(" "));
    }
    if rng.chance(15) {
        text += rng.pick(EMOJI);
    }
    if rng.chance(8) {
        let _ = write!(
            text,
            " example.org/{}/{}",
            rng.pick(WORDS),
            rng.below(10_000)
        );
    }
    // Keep well inside 280 weighted characters so the numbering, not the length, decides.
    let mut cut: String = text.trim_end().chars().take(250).collect();
    if cut.ends_with('@') || cut.ends_with('#') {
        cut.pop();
    }
    cut
}

fn date(rng: &mut Rng) -> String {
    format!("{} {}", MONTHS[rng.below(12)], rng.range(1, 28))
}

/// A Thread Reader App page, numbered in one of the styles authors use, or not at all.
fn unroll(rng: &mut Rng, world: &World) -> String {
    let author = &world.authors[rng.tail(world.authors.len())];
    let n = rng.range(3, 60);
    let mut page = format!(
        "{author} Profile picture\n{} {n} tweets {} min read\n",
        date(rng),
        n / 3 + 1
    );
    let style = rng.below(4);
    for k in 1..=n {
        let text = post_text(rng, world);
        let post = match style {
            0 => format!("{text} {k}/"),
            1 => format!("{text} {k}/{n}"),
            2 => format!("{k}. {text}"),
            _ => text,
        };
        page += &post;
        page.push('\n');
        if rng.chance(10) {
            page += "Image\n";
        }
    }
    page += "• • •\n\nMissing some Tweet in this thread? You can try to force a refresh\n\n";
    page += "Did Thread Reader help you today?\n\nSupport us! We are indie developers!\n";
    page
}

/// A twtext-style unroll: the posts, then the follow line and the site's tail.
fn twtext(rng: &mut Rng, world: &World) -> String {
    let handle = &world.handles[rng.tail(world.handles.len())];
    let mut page = String::new();
    for k in 1..=rng.range(3, 40) {
        page += &post_text(rng, world);
        if k % 4 == 0 {
            page.push('\n');
        }
        page.push('\n');
    }
    let _ = write!(
        page,
        "You can follow @{handle}.\nTip: mention @twtextapp on a Twitter thread with the keyword \
         “unroll” to get a link to it.\n\nLatest Threads Unrolled:\n\nBy continuing to use the \
         site, you are consenting to the use of cookies.\n"
    );
    page
}

/// A listing page: the openings of several threads, each closed by "Read N tweets".
fn listing(rng: &mut Rng, world: &World) -> String {
    let tag = &world.hashtags[rng.tail(world.hashtags.len())];
    let threads = rng.range(2, 12);
    let mut page = format!(
        "Discover and read the best of Twitter Threads about #{tag}\n\nMost recents ({threads})\n\n"
    );
    for _ in 0..threads {
        let shown = rng.range(1, 5);
        let total = shown + rng.below(30);
        for _ in 0..shown {
            page += &post_text(rng, world);
            page.push('\n');
        }
        let _ = writeln!(page, "Read {total} tweets");
    }
    page
}

/// A news article: title, byline, date line, paragraphs, a subscription box.
fn article(rng: &mut Rng, world: &World) -> String {
    let title = capitalise(
        &(0..rng.range(5, 10))
            .map(|_| rng.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let author = &world.authors[rng.tail(world.authors.len())];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let months = ["January", "March", "May", "July", "September", "November"];
    let mut page = format!(
        "{title}\n\n{author}\n{}, {} {}, {}\n\n",
        rng.pick(&days),
        rng.pick(&months),
        rng.range(1, 28),
        rng.range(2015, 2025)
    );
    for _ in 0..rng.range(3, 60) {
        for _ in 0..3 {
            page += &post_text(rng, world);
            page += " ";
        }
        page += "\n\n";
    }
    page += "From £15 / month\n\nSubscribe\n\nMagazine\n\n  • Latest print issues\n\nSubscribe\n";
    page
}

/// A blog post in Wix's clothes.
fn blog(rng: &mut Rng, world: &World) -> String {
    let author = &world.authors[rng.tail(world.authors.len())];
    let title = capitalise(
        &(0..rng.range(5, 12))
            .map(|_| rng.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut page = format!("top of page\nWriter's picture{author}\n\n{title}\n\n");
    for _ in 0..rng.range(3, 60) {
        page += &post_text(rng, world);
        page += " ";
        page += &post_text(rng, world);
        page += "\n\n\n";
    }
    page += "Comments\n\n\nbottom of page\n";
    page
}

/// What scraped files sometimes are: empty, binary, not UTF-8, full of escapes, cut short.
fn damaged(rng: &mut Rng, world: &World) -> Vec<u8> {
    match rng.below(5) {
        0 => Vec::new(),
        1 => (0..rng.range(64, 4096)).map(|_| rng.next() as u8).collect(),
        2 => {
            let mut bytes = unroll(rng, world).into_bytes();
            bytes.extend_from_slice(b"caf\xe9 \xff\xfe broken\n");
            bytes
        }
        3 => {
            let text = post_text(rng, world);
            format!("\x1b]0;title\x07\x1b[2J{text}\x1b[6n\u{9b}31m more \x1b]52;c;aGk=\x07\n")
                .into_bytes()
        }
        _ => {
            let page = unroll(rng, world);
            let cut = page.len() / 3;
            page.as_bytes()[..cut].to_vec()
        }
    }
}

/// Writes `docs` documents for `seed` into `out` (created if missing); returns the bytes
/// written.
pub fn write_corpus(docs: usize, seed: u64, out: &Path) -> std::io::Result<usize> {
    let mut rng = Rng(seed);
    let world = World::new(&mut rng);
    std::fs::create_dir_all(out)?;
    let mut bytes = 0usize;
    for i in 0..docs {
        let content: Vec<u8> = match rng.below(100) {
            0..=1 => damaged(&mut rng, &world),
            2..=39 => unroll(&mut rng, &world).into_bytes(),
            40..=54 => twtext(&mut rng, &world).into_bytes(),
            55..=69 => listing(&mut rng, &world).into_bytes(),
            70..=84 => article(&mut rng, &world).into_bytes(),
            _ => blog(&mut rng, &world).into_bytes(),
        };
        bytes += content.len();
        let name = format!("{i:06}_{:016x}.txt", rng.next());
        std::fs::write(out.join(name), content)?;
    }
    Ok(bytes)
}
