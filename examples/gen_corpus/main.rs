//! A deterministic synthetic corpus for measuring tread at scale:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 2000 --seed 1 --out /tmp/corpus-s
//! ```
//!
//! N documents in every format the reader understands (unroll pages in each numbering style
//! and unnumbered, twtext-style unrolls, listing pages, news articles, blog posts), 3–60
//! posts each, with a long tail of authors, hashtags, handles and organisation names, emoji
//! and wide characters, site chrome, and about 2% damaged files. The same seed writes the
//! same bytes. S is 2,000 documents (about 20 MB), M 20,000 (about 200 MB).

mod synth;

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// How many documents.
    #[arg(long)]
    docs: usize,
    /// The seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let bytes = synth::write_corpus(args.docs, args.seed, &args.out)?;
    eprintln!(
        "wrote {} documents, {:.1} MB, to {}",
        args.docs,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
