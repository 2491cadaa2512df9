//! Share links: the answers and sign-off records of a checklist carried in an address's fragment
//! (`#/…?share=<payload>`), which browsers never send to a server. The payload is the compact JSON
//! of an answers document (`readiness-answers/1`), compressed with raw DEFLATE (RFC 1951) and
//! encoded as unpadded base64url (RFC 4648 §5). The browser compresses with its own
//! `CompressionStream`, so no compression code ships in the app; this module owns the rest.

use thiserror::Error;

use crate::domain::answers::Answers;
use crate::domain::text::{base64_decode, base64_encode};

/// The parameter of the fragment that carries the payload.
pub const SHARE_PARAM: &str = "share";

/// The longest payload a share link carries (characters of base64url): about 8 KB keeps the whole
/// address within what mail clients, chat tools and browsers pass along intact.
pub const SHARE_LIMIT: usize = 8 * 1024;

/// Why a share link's payload cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareError {
    /// Characters outside base64url, or a length base64url cannot have.
    #[error("the share link is damaged (its answers are not base64url, at character {at}); ask for the link again or for the exported file")]
    Encoding {
        /// 1-based position of the first bad character (or the length, if that is what is wrong).
        at: usize,
    },
    /// Longer than any link Readiness makes.
    #[error("the share link carries {len} characters of answers, more than the {SHARE_LIMIT} a link may carry")]
    TooLong {
        /// Its length.
        len: usize,
    },
}

/// The bytes to compress for a share link: the answers document as compact JSON.
pub fn share_json(answers: &Answers) -> Vec<u8> {
    serde_json::to_vec(answers).unwrap_or_default()
}

/// What a link carries once answers are marked ready and the sender's answers are still those
/// (`digest`): only the sign-offs signed over them, and the mark. Everyone already holds the
/// answers, so a link of six sign-offs stays short; a receiver whose answers differ sees each
/// sign-off as stale in the preview.
pub fn signoffs_only(answers: &Answers, digest: &str) -> Answers {
    Answers {
        signoffs: answers
            .signoffs
            .iter()
            .filter(|r| r.digest == digest)
            .cloned()
            .collect(),
        ready: answers.ready.clone(),
        ..Answers::default()
    }
}

/// The payload for compressed bytes. (base64url is standard base64 with two letters swapped and no
/// padding; going through the app's one standard engine keeps a second engine out of the wasm.)
pub fn encode_payload(compressed: &[u8]) -> String {
    base64_encode(compressed)
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

/// Whether a payload is short enough for a link.
pub fn fits(payload: &str) -> bool {
    payload.len() <= SHARE_LIMIT
}

/// The compressed bytes of a payload.
pub fn decode_payload(payload: &str) -> Result<Vec<u8>, ShareError> {
    if !fits(payload) {
        return Err(ShareError::TooLong { len: payload.len() });
    }
    if let Some(at) = payload
        .chars()
        .position(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(ShareError::Encoding { at: at + 1 });
    }
    let mut standard: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while standard.len() % 4 != 0 {
        standard.push('=');
    }
    base64_decode(&standard).ok_or(ShareError::Encoding { at: payload.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_and_damage_is_located() {
        let bytes: Vec<u8> = (0..=255).collect();
        let p = encode_payload(&bytes);
        assert!(!p.contains(['+', '/', '=']));
        assert_eq!(decode_payload(&p), Ok(bytes));
        let mut broken = p.clone();
        broken.replace_range(10..11, "%");
        assert_eq!(
            decode_payload(&broken),
            Err(ShareError::Encoding { at: 11 })
        );
        // 4k+1 characters is not a length base64 can have.
        assert_eq!(decode_payload("AAAAA"), Err(ShareError::Encoding { at: 5 }));
        let long = "A".repeat(SHARE_LIMIT + 4);
        assert_eq!(
            decode_payload(&long),
            Err(ShareError::TooLong {
                len: SHARE_LIMIT + 4
            })
        );
    }
}
