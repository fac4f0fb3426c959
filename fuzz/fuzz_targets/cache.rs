//! The cache's reading on any bytes: as an archive of documents, a resolution or its memo, as a
//! packed record, as documents packed as a file of tread's JSON is, and as a whole cache
//! file. A value or a refusal, never a panic, a hang or an allocation the bytes do not pay for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::cache::store::{self, Reader};
use tread::corpus::{Document, Documents, Memo, Packed, Resolution};
use tread::facets::{FacetKind, Facets, Kept};
use tread::listing::Listing;

/// Any bytes as the facets a cache keeps, and as its listing: read back, and used as the
/// commands use them when they are.
fn facets_and_listing(bytes: &[u8]) {
    if let Some(facets) = store::decode::<Kept>(bytes, LIMIT).and_then(Facets::from_kept) {
        for &kind in FacetKind::CORPUS {
            for entry in facets.entries(kind) {
                let _ = entry.document_posts().count();
            }
        }
    }
    if let Some(listing) = store::decode::<Listing>(bytes, LIMIT) {
        if listing.rows.all_read() {
            let _ = listing.rows.iter().count();
        }
    }
}

/// What a record of a file of 64 KB may unpack to.
const LIMIT: u64 = 64 << 20;

fuzz_target!(|data: &[u8]| {
    // Any bytes as an archive (packed here, as records are, so validation sees them whole).
    let packed = lz4_flex::compress_prepend_size(data);
    let _ = store::decode::<Vec<Document>>(&packed, LIMIT);
    let _ = store::decode::<Resolution>(&packed, LIMIT);
    let _ = store::decode::<Memo>(&packed, LIMIT);
    facets_and_listing(&packed);
    // Any bytes as a packed record.
    let _ = store::decode::<Vec<Document>>(data, LIMIT);
    // Any bytes as documents kept packed (a file of tread's JSON), however many they claim.
    let claims = data.first().map_or(0, |&n| u64::from(n));
    let documents = Packed::from_bytes(data.to_vec(), claims);
    let read = documents.documents().take_while(Result::is_ok).count();
    assert!(read as u64 <= claims);
    let _ = Documents::packed(documents).unpacked();
    // Any bytes as a cache file, written by the build its header names, or another.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("fuzz.cache");
    std::fs::write(&path, data).expect("written");
    let claimed = (data.get(12..16))
        .map(|len| u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize)
        .and_then(|len| data.get(16..16usize.saturating_add(len)))
        .map(|build| String::from_utf8_lossy(build).into_owned());
    for build in [claimed.as_deref().unwrap_or(""), "tread fuzz"] {
        if let Ok(Some(reader)) = Reader::open(&path, build) {
            let spans = reader.index.files.iter().filter_map(|e| e.record);
            for span in spans.chain(reader.index.resolution) {
                if let Ok(bytes) = reader.bytes(span) {
                    let _ = store::decode::<Vec<Document>>(&bytes, LIMIT);
                }
            }
            if let Some(Ok(bytes)) = reader.index.memo.map(|span| reader.bytes(span)) {
                let _ = store::decode::<Memo>(&bytes, LIMIT);
            }
            for span in reader.index.facets.into_iter().chain(reader.index.listing) {
                if let Ok(bytes) = reader.bytes(span) {
                    facets_and_listing(&bytes);
                }
            }
        }
    }
});
