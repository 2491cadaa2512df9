//! Raw DEFLATE (RFC 1951) by the browser's own `CompressionStream` and `DecompressionStream`, for
//! share links: no compression code ships in the app. (web-sys marks these two classes unstable,
//! so the two constructors are declared here.)

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableWritablePair, Response, WritableStream};

#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream` or a `DecompressionStream`: a transform from bytes to bytes.
    type CodecStream;

    #[wasm_bindgen(catch, constructor, js_class = "CompressionStream")]
    fn compressor(format: &str) -> Result<CodecStream, JsValue>;

    #[wasm_bindgen(catch, constructor, js_class = "DecompressionStream")]
    fn decompressor(format: &str) -> Result<CodecStream, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn readable(this: &CodecStream) -> ReadableStream;

    #[wasm_bindgen(method, getter)]
    fn writable(this: &CodecStream) -> WritableStream;
}

const FORMAT: &str = "deflate-raw";

async fn run(bytes: &[u8], codec: Result<CodecStream, JsValue>) -> Result<Vec<u8>, String> {
    let codec =
        codec.map_err(|_| "this browser cannot compress (no CompressionStream)".to_string())?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(|_| "out of memory".to_string())?;
    let out = blob.stream().pipe_through(&ReadableWritablePair::new(
        &codec.readable(),
        &codec.writable(),
    ));
    let response =
        Response::new_with_opt_readable_stream(Some(&out)).map_err(|_| "no stream".to_string())?;
    let buf = response
        .array_buffer()
        .map_err(|_| "no stream".to_string())?;
    let buf = JsFuture::from(buf)
        .await
        .map_err(|_| "the data is not valid DEFLATE".to_string())?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Compresses `bytes`.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    run(bytes, CodecStream::compressor(FORMAT)).await
}

/// Decompresses `bytes` (an error when they are not raw DEFLATE, or are cut short).
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    run(bytes, CodecStream::decompressor(FORMAT)).await
}
