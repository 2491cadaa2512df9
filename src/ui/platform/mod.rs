//! What the app needs from the browser, each behind one small module: local storage, the network,
//! the service worker, the address (hash routes), files and downloads, the clock, compression and
//! performance marks.

pub mod browser;
pub mod crypto;
pub mod deflate;
pub mod files;
pub mod idle;
pub mod markup;
pub mod net;
pub mod perf;
pub mod prerender;
pub mod profile;
pub mod pwa;
pub mod route;
pub mod storage;
