//! Bad input, through the library and through the binary: each case loads what can be
//! loaded, says what could not in one line naming the file, never panics, never blocks, and
//! never lets a control character out.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use tread::corpus::load::{LoadOptions, load};

/// A folder holding one good document and the hostile `files`.
fn folder(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "A good note about the #CareReview.\n",
    )
    .unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// `tread list DIR` and `tread list --json DIR`: success, the good document listed, one
/// warning line per `warnings` fragment, no control character anywhere.
fn lists_with_warnings(dir: &Path, warnings: &[&str]) -> String {
    let mut stdout = String::new();
    for json in [false, true] {
        let mut command = Command::cargo_bin("tread").unwrap();
        command.env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}", std::process::id())),
        );
        command.env("NO_COLOR", "1").arg("list").arg(dir);
        if json {
            command.arg("--json");
        }
        let out = command
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let (text, err) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(text.contains("good"), "{text}");
        for warning in warnings {
            assert!(err.contains(warning), "no {warning:?} in {err}");
        }
        for c in text.chars().chain(err.chars()) {
            assert!(!c.is_control() || c == '\n', "{c:?} reached the output");
        }
        stdout = text;
    }
    stdout
}

fn through_the_library(dir: &Path) -> tread::corpus::Corpus {
    load(&LoadOptions {
        paths: vec![dir.to_path_buf()],
        glossary: None,
        cache: None,
    })
    .unwrap()
}

#[test]
fn empty_and_blank_files() {
    let dir = folder(&[
        ("empty.txt", Vec::new()),
        ("blank.txt", b" \n\t\n\r\n  ".to_vec()),
    ]);
    lists_with_warnings(dir.path(), &[]);
    let corpus = through_the_library(dir.path());
    let blank = corpus.get("blank").unwrap();
    assert!(
        blank.warnings.iter().any(|w| w == "no text found"),
        "{:?}",
        blank.warnings
    );
}

#[test]
fn an_empty_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("tread")
        .unwrap()
        .env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}", std::process::id())),
        )
        .arg("list")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(format!(
            "tread: no documents found in {}\n",
            dir.path().display()
        ));
}

#[test]
fn ten_thousand_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        fs::write(
            dir.path().join(format!("t{i:05}.txt")),
            format!("Note {i}.\n"),
        )
        .unwrap();
    }
    let corpus = through_the_library(dir.path());
    assert_eq!(corpus.documents.len(), 10_000);
    assert!(corpus.problems.is_empty());
}

#[test]
fn a_huge_file_is_skipped_without_reading_it() {
    let dir = folder(&[]);
    let huge = fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    lists_with_warnings(dir.path(), &["huge.txt: skipped: larger than 64 MB"]);
}

#[test]
fn long_lines_many_marks_and_many_hashtags() {
    let line = "word ".repeat(200_000);
    let combining = format!("e{}\n", "\u{301}".repeat(10_000));
    let hashtags: String = (0..10_000).map(|i| format!("#tag{i} ")).collect();
    let author = format!(
        "{} Profile picture\nMay 1 3 tweets 1 min read\nHi 1/\nThere 2/\nEnd 3/\n",
        "A".repeat(1 << 20)
    );
    let dir = folder(&[
        ("line.txt", line.into_bytes()),
        ("marks.txt", combining.into_bytes()),
        ("tags.txt", hashtags.into_bytes()),
        ("author.txt", author.into_bytes()),
    ]);
    lists_with_warnings(dir.path(), &[]);
    let corpus = through_the_library(dir.path());
    let tags = corpus.get("tags").unwrap();
    let found: usize = tags.posts().map(|p| p.hashtags.len()).sum();
    assert_eq!(found, 10_000);
}

#[test]
fn encodings_line_endings_and_scripts() {
    let utf16le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Hello from UTF-16.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let utf16be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(
            "Big-endian too.\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    let dir = folder(&[
        ("bom.txt", b"\xef\xbb\xbfWith a BOM.\n".to_vec()),
        ("utf16le.txt", utf16le),
        ("utf16be.txt", utf16be),
        ("latin1.txt", b"caf\xe9 \xff\n".to_vec()),
        ("crlf.txt", b"One.\r\nTwo.\rThree.\r\n".to_vec()),
        (
            "rtl.txt",
            "مرحبا بالعالم and שלום mixed with English.\n"
                .as_bytes()
                .to_vec(),
        ),
        ("nul.txt", b"Text with a \x00 NUL in it.\n".to_vec()),
        ("binary.bin", vec![0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7]),
    ]);
    lists_with_warnings(
        dir.path(),
        &[
            "latin1.txt: invalid UTF-8 decoded lossily",
            "binary.bin: skipped",
        ],
    );
    let corpus = through_the_library(dir.path());
    let text = |id: &str| {
        let doc = corpus.get(id).unwrap_or_else(|| panic!("{id} loads"));
        doc.posts()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(text("bom").starts_with("With a BOM."));
    assert!(text("utf16le").contains("Hello from UTF-16."));
    assert!(text("utf16be").contains("Big-endian too."));
    assert!(!text("crlf").contains('\r'));
    assert!(text("rtl").contains("שלום"));
}

#[cfg(unix)]
#[test]
fn links_loops_pipes_and_devices_are_skipped_and_never_block() {
    use std::os::unix::fs::symlink;
    let dir = folder(&[]);
    let root = dir.path();
    symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink(root, root.join("sub/loop")).unwrap();
    let fifo = root.join("pipe.txt");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    symlink("/dev/null", root.join("device.txt")).unwrap();
    let listed = lists_with_warnings(
        root,
        &[
            "broken.txt: skipped: broken link",
            "pipe.txt: skipped: not a regular file",
            "device.txt: skipped: not a regular file",
        ],
    );
    // The last listing is JSON: through the loop, good.txt would come back as good~2.
    assert!(
        !listed.contains("good~2"),
        "the loop was followed: {listed}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    // Root reads everything: there is nothing to see then.
    if unsafe { libc::geteuid() } == 0 {
        return;
    }
    let dir = folder(&[("secret.txt", b"Hidden.\n".to_vec())]);
    fs::create_dir(dir.path().join("closed")).unwrap();
    let set = |name: &str, mode| {
        let path = dir.path().join(name);
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    set("secret.txt", 0o000);
    set("closed", 0o000);
    lists_with_warnings(
        dir.path(),
        &[
            "secret.txt: skipped: permission denied",
            "closed: cannot read folder",
        ],
    );
    set("closed", 0o755);
}

#[test]
fn missing_paths_and_the_rest_still_load() {
    let dir = folder(&[]);
    let out = Command::cargo_bin("tread")
        .unwrap()
        .env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}", std::process::id())),
        )
        .arg("list")
        .arg(dir.path())
        .arg("/no/such/place")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/no/such/place: no such file or folder"),
        "{err}"
    );
    assert!(
        err.contains("loaded 1 of 2 files; 1 skipped, 1 problem"),
        "{err}"
    );
}

#[test]
fn nothing_is_ever_written_to_the_documents() {
    let dir = folder(&[("note.txt", b"Read me only.\n".to_vec())]);
    let before: Vec<(String, Vec<u8>, std::time::SystemTime)> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    for args in [
        &["list"][..],
        &["facets"],
        &["search", "read"],
        &["show", "note", "--json"],
    ] {
        Command::cargo_bin("tread")
            .unwrap()
            .env(
                "XDG_CACHE_HOME",
                std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("cache-{}", std::process::id())),
            )
            .args(args)
            .arg(dir.path())
            .assert()
            .success();
    }
    let after: Vec<(String, Vec<u8>, std::time::SystemTime)> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    assert_eq!(before, after);
}
