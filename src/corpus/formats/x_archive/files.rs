//! Which files of an unpacked archive are read, and together: the loader asks, and reads
//! each part in turn into one [`super::Archive`].

use crate::corpus::formats::Export;
use std::path::{Path, PathBuf};

/// The unpacked archive `dir` is, if it is one (it has a `manifest.js`, or a `data` folder
/// with one): its first file of posts (`tweets.js`, the older `tweet.js`), with which the
/// other parts are read ([`companions`]). Its pictures, pages and other data are its own
/// parts, not documents; anything else in the folder is read as usual.
pub fn post_files(dir: &Path) -> Option<Export> {
    let (data, part): (PathBuf, fn(&str, bool) -> bool) = match dir.join("manifest.js") {
        manifest if manifest.is_file() => (dir.to_path_buf(), data_part),
        _ if dir.join("data").join("manifest.js").is_file() => (dir.join("data"), root_part),
        _ => return None,
    };
    let first = post_names(&data)?.into_iter().next();
    Some(Export {
        posts: first.map(|name| data.join(name)).into_iter().collect(),
        part,
    })
}

/// What the top of an unpacked archive holds besides anything its owner put there.
fn root_part(name: &str, _: bool) -> bool {
    matches!(name, "data" | "assets" | "Your archive.html")
}

/// What an archive's data folder holds: its parts (`like.js`, `account.js`…) and folders
/// of pictures (`tweets_media`…).
fn data_part(name: &str, is_dir: bool) -> bool {
    name.ends_with(".js") || (is_dir && name.ends_with("_media"))
}

/// The names of the files of posts in an archive's data folder, the first part (`tweets.js`,
/// the older `tweet.js`) first.
fn post_names(data: &Path) -> Option<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(data)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| is_posts(n))
        .collect();
    names.sort_by_key(|n| (!matches!(n.as_str(), "tweets.js" | "tweet.js"), n.clone()));
    Some(names)
}

/// Whether `name` is that of a file of posts: `tweets.js`, `tweet.js`, `tweets-part1.js`….
fn is_posts(name: &str) -> bool {
    let stem = name.strip_suffix(".js").unwrap_or("");
    let part = |s: &str| {
        s.strip_prefix("-part")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
    };
    let rest = stem
        .strip_prefix("tweets")
        .or_else(|| stem.strip_prefix("tweet"));
    rest.is_some_and(|r| r.is_empty() || part(r))
}

/// The files read together with `path` when it is the first file of posts in an unpacked
/// archive's data folder: the archive's other parts of posts, then its account (for the
/// owner's name). Read into one archive, a thread whose posts fall in two parts stays one.
pub fn companions(path: &Path) -> Vec<PathBuf> {
    // Asked of every file a load reads: the name rules out nearly all without a look at
    // the disk.
    let name = path.file_name().and_then(|n| n.to_str());
    if !name.is_some_and(is_posts) {
        return Vec::new();
    }
    let Some(dir) = path.parent().filter(|d| d.join("manifest.js").is_file()) else {
        return Vec::new();
    };
    let Some(names) = post_names(dir) else {
        return Vec::new();
    };
    if names.first().map(String::as_str) != name {
        return Vec::new();
    }
    let account = dir.join("account.js");
    (names[1..].iter().map(|n| dir.join(n)))
        .chain(account.is_file().then_some(account))
        .collect()
}
