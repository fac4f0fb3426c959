//! UTF-8 read as a stream, lossily: a file read a part at a time is decoded as a file read
//! whole is (invalid sequences become U+FFFD), and whether any had to be is remembered.

use std::cell::Cell;
use std::io::{self, Read};

/// Reads `inner`, passing valid UTF-8 through and writing U+FFFD for each invalid sequence,
/// as [`String::from_utf8_lossy`] does for the whole; `replaced` is set once one was.
pub struct LossyUtf8<'a, R> {
    inner: R,
    /// Bytes read but not yet decoded: at most the start of a sequence cut by a read.
    pending: Vec<u8>,
    /// Decoded bytes not yet handed on, from `at`.
    out: Vec<u8>,
    at: usize,
    ended: bool,
    replaced: &'a Cell<bool>,
}

const CHUNK: usize = 64 * 1024;

impl<'a, R: Read> LossyUtf8<'a, R> {
    pub fn new(inner: R, replaced: &'a Cell<bool>) -> Self {
        LossyUtf8 {
            inner,
            pending: Vec::with_capacity(CHUNK),
            out: Vec::with_capacity(CHUNK),
            at: 0,
            ended: false,
            replaced,
        }
    }

    /// Reads the next chunk and decodes all of it that is whole.
    fn refill(&mut self) -> io::Result<()> {
        let start = self.pending.len();
        self.pending.resize(start + CHUNK, 0);
        let n = loop {
            match self.inner.read(&mut self.pending[start..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                read => break read,
            }
        };
        let n = n.inspect_err(|_| self.pending.truncate(start))?;
        self.pending.truncate(start + n);
        self.ended = n == 0;
        self.out.clear();
        self.at = 0;
        let mut rest = &self.pending[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    self.out.extend_from_slice(valid.as_bytes());
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.out.extend_from_slice(valid);
                    match e.error_len() {
                        Some(len) => {
                            self.out.extend_from_slice("\u{fffd}".as_bytes());
                            self.replaced.set(true);
                            rest = &after[len..];
                        }
                        // A sequence the read cut short: finished by the next read, or
                        // invalid at the end of the input.
                        None if self.ended => {
                            self.out.extend_from_slice("\u{fffd}".as_bytes());
                            self.replaced.set(true);
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        let kept = self.pending.len() - rest.len();
        self.pending.drain(..kept);
        Ok(())
    }
}

impl<R: Read> Read for LossyUtf8<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if self.ended {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hands out `bytes` in reads of the given sizes, in turn.
    struct Pieces<'b> {
        bytes: &'b [u8],
        sizes: Vec<usize>,
        next: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.next % self.sizes.len()];
            self.next += 1;
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn decoded(bytes: &[u8], sizes: Vec<usize>) -> (String, bool) {
        let replaced = Cell::new(false);
        let pieces = Pieces {
            bytes,
            sizes,
            next: 0,
        };
        let mut text = String::new();
        LossyUtf8::new(pieces, &replaced)
            .read_to_string(&mut text)
            .unwrap();
        (text, replaced.get())
    }

    #[test]
    fn a_sequence_cut_by_a_read_is_whole_and_a_bad_one_replaced() {
        let bytes = "é€😀".as_bytes();
        assert_eq!(decoded(bytes, vec![1]), ("é€😀".to_string(), false));
        assert_eq!(
            decoded(b"a\xffb\xe2\x82", vec![2]),
            ("a\u{fffd}b\u{fffd}".to_string(), true)
        );
    }

    proptest! {
        /// However the reads cut it, the stream decodes as the whole does at once.
        #[test]
        fn streamed_is_as_decoded_whole(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(0xe2u8), Just(0x82u8), Just(0xacu8), Just(b'a')],
                0..300,
            ),
            sizes in proptest::collection::vec(1usize..9, 1..5),
        ) {
            let whole = String::from_utf8_lossy(&bytes);
            let (text, replaced) = decoded(&bytes, sizes);
            prop_assert_eq!(&text, &whole);
            prop_assert_eq!(replaced, std::str::from_utf8(&bytes).is_err());
        }
    }
}
