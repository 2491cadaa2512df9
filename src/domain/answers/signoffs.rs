//! A sign-off record as answers carry it: who signed which line, as which role, over which answers
//! digest, with the DSSE envelope of what they signed. Plain data, so the answers and the sign-off
//! rules (`signoff`) can both use it; checking it is `signoff::signing`'s.

use serde::{Deserialize, Serialize};

/// One DSSE signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeSignature {
    /// Key id: the signer key's fingerprint ([`fingerprint`]).
    pub keyid: String,
    /// Base64 Ed25519 signature over [`pae`] of the payload.
    pub sig: String,
}

/// A DSSE envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always [`PAYLOAD_TYPE`].
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    /// Base64 of the statement's canonical (RFC 8785) JSON.
    pub payload: String,
    /// Signatures (Readiness writes exactly one).
    pub signatures: Vec<EnvelopeSignature>,
}

/// One act of signing off. Records are appended, never replaced: a re-sign adds a new record and
/// the earlier one stays in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignOffRecord {
    /// Id of the sign-off item.
    pub item: String,
    /// Role signed for.
    pub role: String,
    /// Signer's name.
    pub name: String,
    /// Date written on the sign-off (`YYYY-MM-DD`).
    pub date: String,
    /// When the sign-off was recorded (RFC 3339 UTC).
    pub signed_at: String,
    /// [`crate::domain::answers::digest::answers_digest`] at the moment of signing.
    pub digest: String,
    /// Signer's raw Ed25519 public key, base64 (absent when the browser could not sign).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// DSSE envelope of the signed statement (see `signing.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<crate::domain::signoff::signing::Envelope>,
}
