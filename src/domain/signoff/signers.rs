//! Signers pinned to roles (`readiness-signers/1`): which Ed25519 keys may sign for which sign-off
//! role. A signature alone proves that *some* key signed; kept in the team's repository next to the
//! checklist, this file binds each role to the keys of the people who hold it.
//!
//! ```json
//! {"schema": "readiness-signers/1",
//!  "signers": [{"role": "Security Lead", "name": "Ada Lovelace", "public_key": "<base64 of the raw 32-byte key>"}]}
//! ```
//! Roles are matched as written on the sign-off line, ignoring case and surrounding space. A role
//! may list several keys (deputies); a key may be listed for several roles.

use serde::{Deserialize, Serialize};

use crate::domain::answers::SignOffRecord;
use crate::domain::error::DataError;
use crate::domain::signoff::signing::{base64_decode, fingerprint, short_fingerprint};
use crate::domain::text::json::parse_strict;

/// Schema identifier of a signers file.
pub const SIGNERS_SCHEMA: &str = "readiness-signers/1";

/// One person allowed to sign for one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// The sign-off role, as the checklist's sign-off line names it.
    pub role: String,
    /// Who holds the key.
    pub name: String,
    /// The raw 32-byte Ed25519 public key, canonical base64.
    pub public_key: String,
}

impl Signer {
    /// The entry for a key: what the key panel offers to send to whoever keeps the signers file,
    /// filled with the role last signed and the holder's name when they are known (a placeholder
    /// in angle brackets otherwise).
    pub fn entry_for(public_key: &str, role: Option<&str>, name: &str) -> Signer {
        let name = name.trim();
        Signer {
            role: role.filter(|r| !r.trim().is_empty()).map_or_else(
                || "<the role you sign for>".to_string(),
                |r| r.trim().to_string(),
            ),
            name: if name.is_empty() {
                "<your name>".to_string()
            } else {
                name.to_string()
            },
            public_key: public_key.to_string(),
        }
    }

    /// As pretty JSON, one element of a signers file's `signers` list.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A signers file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signers {
    /// Always [`SIGNERS_SCHEMA`].
    pub schema: String,
    /// Every role–key pair.
    pub signers: Vec<Signer>,
}

impl Signers {
    /// A signers file from the sign-offs a record holds, trusting them on first use (as SSH's
    /// known_hosts): for each sign-off line whose latest genuine record is current or stale, its
    /// role, the signer's name and key, each role–key pair once, in line order. Lines with no
    /// genuine record (missing, or none whose signature holds) give nothing: a file made this way
    /// never lists a key that did not sign for its role.
    pub fn from_signoffs(
        lines: &[crate::domain::signoff::standing::Line],
        assessment: &crate::domain::signoff::standing::Assessment,
        records: &[SignOffRecord],
    ) -> Signers {
        use crate::domain::signoff::standing::LineState;
        let mut signers: Vec<Signer> = Vec::new();
        for (line, state) in lines.iter().zip(&assessment.lines) {
            let (LineState::Current { record } | LineState::Stale { record }) = state else {
                continue;
            };
            let Some(r) = records.get(*record) else {
                continue;
            };
            let Some(key) = r.public_key.clone() else {
                continue;
            };
            let entry = Signer {
                role: line.role.clone(),
                name: r.name.trim().to_string(),
                public_key: key,
            };
            if !signers
                .iter()
                .any(|s| s.role == entry.role && s.public_key == entry.public_key)
            {
                signers.push(entry);
            }
        }
        Signers {
            schema: SIGNERS_SCHEMA.to_string(),
            signers,
        }
    }

    /// As the pretty JSON a signers file holds.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// What a signers file says about one verified sign-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerCheck {
    /// The key is listed for the role: the person named in the file.
    Listed {
        /// The name the signers file gives.
        name: String,
    },
    /// The key is not on the list for this role.
    NotListed,
}

/// Roles match ignoring case and surrounding space: the one matching rule for sign-off lines
/// and signers files.
pub fn same_role(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Signers {
    /// Reads a signers file: strict JSON, this schema, and every key a canonical base64 32-byte
    /// Ed25519 key (the entry at fault is named).
    pub fn from_json(text: &str) -> Result<Signers, DataError> {
        let value = parse_strict(text)?;
        let schema = value.get("schema").and_then(serde_json::Value::as_str);
        if schema != Some(SIGNERS_SCHEMA) {
            return Err(match schema {
                Some(s) => DataError::UnknownSchema {
                    found: s.to_string(),
                    expected: SIGNERS_SCHEMA.to_string(),
                },
                None => DataError::Shape("signers: missing \"schema\"".to_string()),
            });
        }
        let signers: Signers =
            serde_json::from_value(value).map_err(|e| DataError::Shape(format!("signers: {e}")))?;
        for (k, s) in signers.signers.iter().enumerate() {
            let key = base64_decode(&s.public_key).filter(|k| k.len() == 32);
            if key.is_none() {
                return Err(DataError::Shape(format!(
                    "signers[{k}] ({} for {:?}): public_key is not the canonical base64 of a 32-byte Ed25519 key",
                    s.name, s.role
                )));
            }
            if s.role.trim().is_empty() {
                return Err(DataError::Shape(format!(
                    "signers[{k}] ({}): role is empty",
                    s.name
                )));
            }
        }
        Ok(signers)
    }

    /// Whether the key with fingerprint `fp` (SHA-256 hex of the raw key) may sign for `role`.
    pub fn check(&self, role: &str, fp: &str) -> SignerCheck {
        self.signers
            .iter()
            .filter(|s| same_role(&s.role, role))
            .find(|s| base64_decode(&s.public_key).is_some_and(|k| fingerprint(&k) == fp))
            .map_or(SignerCheck::NotListed, |s| SignerCheck::Listed {
                name: s.name.clone(),
            })
    }

    /// What the file says about a sign-off record kept in the app: its key (when it has one)
    /// against its role. A record without a key is not listed.
    pub fn check_record(&self, r: &SignOffRecord) -> SignerCheck {
        match r.public_key.as_deref().and_then(base64_decode) {
            Some(k) => self.check(&r.role, &fingerprint(&k)),
            None => SignerCheck::NotListed,
        }
    }

    /// The records that count with this file: those whose key is listed for their role.
    pub fn admitted(&self, records: &[SignOffRecord]) -> Vec<SignOffRecord> {
        records
            .iter()
            .filter(|r| matches!(self.check_record(r), SignerCheck::Listed { .. }))
            .cloned()
            .collect()
    }

    /// The problem to report for a sign-off for `role` by `name` signed with key `fp`, if the key
    /// is not listed for that role.
    pub fn problem(&self, role: &str, name: &str, fp: &str) -> Option<String> {
        match self.check(role, fp) {
            SignerCheck::Listed { .. } => None,
            SignerCheck::NotListed => Some(format!(
                "sign-off {role} by {name:?}: key {} is not on the signers list for this role",
                short_fingerprint(fp)
            )),
        }
    }
}
