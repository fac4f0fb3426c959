//! The status line: the prompt while one is open; otherwise the position, the active
//! filters or search, a message, and the most useful keys (from the keymap in force).

use super::Theme;
use crate::app::{App, PromptKind, Scope};
use crate::keymap::{Action, Context};
use crate::present::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    if let Some(prompt) = &app.prompt() {
        let key = app.key_for(Action::SearchScope);
        let label = match prompt.kind {
            PromptKind::Search => match app.search_scope() {
                Scope::All => format!(
                    "search all {} ({}; {key}: this document): /",
                    crate::present::plural(app.visible().len(), "document"),
                    hits(app)
                ),
                Scope::Document => {
                    format!("search this document ({}; {key}: all): /", hits(app))
                }
            },
            PromptKind::Jump => "jump to post: ".to_string(),
            PromptKind::Code => format!("code ({key} completes; one the post has is removed): "),
            PromptKind::Note => "note (empty removes it): ".to_string(),
        };
        // What is typed always shows, its end at least: a long label gives way first.
        let label = match label.width() + 20 > width {
            true => short_label(prompt.kind).to_string(),
            false => label,
        };
        let room = width.saturating_sub(label.width() + 1);
        let mut spans = vec![
            Span::styled(label, theme.key()),
            Span::raw(tail(&prompt.text, room)),
            Span::raw("▏"),
        ];
        if prompt.kind == PromptKind::Code {
            spans.push(Span::styled(code_candidates(app), theme.dim()));
        }
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let left = position(app);
    let pending = pending(app);
    let message = pending.as_deref().or(app.message());
    let middle = message.map_or_else(|| context_note(app), str::to_string);
    let hints = hints(app);
    // The essential keys (how to get help and quit) keep their place unless a message,
    // which the next key clears, needs the room.
    let essential: Vec<&Hint> = match message {
        Some(_) => Vec::new(),
        None => hints.iter().filter(|h| h.essential).collect(),
    };
    let reserved = match essential.is_empty() {
        true => 0,
        false => joined_width(&essential) + 2,
    };
    let room = width.saturating_sub(left.width() + 2 + reserved);
    let middle = truncate(&middle, room);
    let used = left.width() + 2 + middle.width();
    let keys = fitting(&hints, width.saturating_sub(used + 2), message.is_none());
    let mut spans = vec![
        Span::styled(left, theme.heading()),
        Span::raw("  "),
        Span::raw(middle),
    ];
    if !keys.is_empty() {
        spans.push(Span::raw(" ".repeat(width - used - keys.width())));
        spans.push(Span::styled(keys, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Keys pressed that wait for more, and what may follow: "g… g top".
fn pending(app: &App) -> Option<String> {
    let keys = app.pending();
    if keys.is_empty() {
        return None;
    }
    let pressed = crate::keymap::KeySeq(keys.to_vec());
    let next: Vec<String> = (app.keymap().continuations(app.context(), keys).into_iter())
        .map(|(rest, action)| format!("{rest} {}", action.name()))
        .collect();
    Some(format!("{pressed}… {}", next.join(" · ")))
}

/// A key hint for the status line: "? help".
struct Hint {
    text: String,
    /// Shown even when the line is short: how to get help and how to quit.
    essential: bool,
}

fn joined_width(hints: &[&Hint]) -> usize {
    let widths: usize = hints.iter().map(|h| h.text.width()).sum();
    widths + 2 * hints.len().saturating_sub(1)
}

/// The hints that fit in `room` columns, in their order: the essential ones first (when
/// `essential_first`), then the others while they fit.
fn fitting(hints: &[Hint], room: usize, essential_first: bool) -> String {
    let mut chosen: Vec<bool> = hints
        .iter()
        .map(|h| essential_first && h.essential)
        .collect();
    let width = |chosen: &[bool]| {
        let picked: Vec<&Hint> = (hints.iter().zip(chosen))
            .filter(|(_, c)| **c)
            .map(|(h, _)| h)
            .collect();
        joined_width(&picked)
    };
    if width(&chosen) > room {
        return String::new();
    }
    for i in 0..hints.len() {
        if !chosen[i] {
            chosen[i] = true;
            if width(&chosen) > room {
                chosen[i] = false;
            }
        }
    }
    let picked: Vec<&str> = (hints.iter().zip(&chosen))
        .filter(|(_, c)| **c)
        .map(|(h, _)| h.text.as_str())
        .collect();
    picked.join("  ")
}

/// A prompt's label where the full one leaves too little room to type.
fn short_label(kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::Search => "/",
        PromptKind::Jump => "post: ",
        PromptKind::Code => "code: ",
        PromptKind::Note => "note: ",
    }
}

/// The end of `text` that fits `width` columns, "…" first when some is cut.
fn tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            break;
        }
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

fn hits(app: &App) -> String {
    match &app.search() {
        Some(s) if s.scope == Scope::All => format!(
            "{} in {}",
            crate::present::plural(s.hit_count(), "hit"),
            crate::present::plural(s.documents(), "doc")
        ),
        Some(s) => crate::present::plural(s.hit_count(), "hit"),
        None => crate::present::plural(0, "hit"),
    }
}

/// The codes in use that what is typed completes to, best first: "  funding 3 · workforce 1".
fn code_candidates(app: &App) -> String {
    let codes: Vec<String> = (app.code_candidates().into_iter())
        .take(8)
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    match codes.is_empty() {
        true => String::new(),
        false => format!("  {}", codes.join(" · ")),
    }
}

/// Where the reader is, as the thread pane's title and citations say it ("post 4/20",
/// "thread 5 · post 2/16", "¶3"); in the list, how many documents it shows.
fn position(app: &App) -> String {
    match app.current_post() {
        Some(at) => crate::present::post_name(app.corpus().document(at.doc), at),
        None => format!("0/{} documents", app.visible().len()),
    }
}

/// The search or the filters in force.
fn context_note(app: &App) -> String {
    if let Some(search) = &app.search() {
        return format!("/{} · {}", search.text, hits(app));
    }
    app.filters().describe(app.facets())
}

/// The filter panel's own keys while it has focus, as bound now.
fn panel_hints(app: &App) -> Vec<Hint> {
    let key = |action| app.key_for(action);
    let facet = match (
        key(Action::PreviousTab).as_str(),
        key(Action::NextTab).as_str(),
    ) {
        ("left", "right") => "←→".to_string(),
        (previous, next) => format!("{previous}/{next}"),
    };
    [
        ("type to narrow".to_string(), false),
        (format!("{} apply", key(Action::Apply)), true),
        (format!("{} exclude", key(Action::ApplyNegated)), false),
        (format!("{facet} facet"), false),
        (format!("{} back", key(Action::Close)), true),
    ]
    .map(|(text, essential)| Hint { text, essential })
    .into()
}

/// The few most useful keys, as bound now.
fn hints(app: &App) -> Vec<Hint> {
    let context = match app.context() {
        Context::Prompt => Context::Global,
        Context::Filter => return panel_hints(app),
        c => c,
    };
    let wanted = [
        (Action::Help, "help", true),
        (Action::Search, "search", false),
        (Action::ToggleFilter, "filter", false),
        (Action::Quit, "quit", true),
    ];
    (wanted.iter())
        .filter_map(|&(action, name, essential)| {
            let key = app.keymap().hint(context, action)?;
            let text = format!("{key} {name}");
            Some(Hint { text, essential })
        })
        .collect()
}
