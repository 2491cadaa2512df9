//! The app's frame around every page: the top bar, the page the route names, the landing page.

pub mod app;
pub mod landing;
