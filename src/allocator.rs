//! The allocator of the `tread` binary and of its benchmarks (which include this file, so
//! they measure what users run); the library leaves the choice to whoever links it.
//!
//! jemalloc, not the system's malloc: a load makes millions of small allocations on every
//! core (posts, their entities, names and facet entries) and frees many of them on another
//! thread, where glibc's malloc spends a large share of a load's CPU time; jemalloc spends much
//! less and lowers the peak memory too (the figures are in docs/performance.md).

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts: one arena per CPU instead of four, which keeps a
/// full load's peak memory lower for the same speed; and freed pages handed back to the
/// system after a quarter of a second instead of ten, so that what a load frees as it goes
/// (each batch of parsed documents, once packed and listed) is not still held when the load
/// peaks (docs/performance.md). Linux only, where jemalloc can tell which CPU a thread runs
/// on.
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 39] = b"percpu_arena:percpu,dirty_decay_ms:250\0";
