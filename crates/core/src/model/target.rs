//! The Trino release a cluster runs, and how it was chosen: every rule judges the cluster by
//! that release's facts (see [`crate::catalogue::catalogue_for`]).

use std::fmt;

use serde::Serialize;

use crate::catalogue::{basis, known_releases, Basis};

/// The release a cluster is judged as, and where that comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The Trino release (`447`).
    pub release: u32,
    /// How it was chosen.
    #[serde(flatten)]
    pub source: TargetSource,
}

/// Where the target release comes from, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum TargetSource {
    /// Given by the caller (`--trino-version`).
    Given,
    /// The spec's `cluster.trino_version`, or its default when the spec leaves it out.
    Spec {
        /// Whether the spec states it.
        stated: bool,
    },
    /// The image tag of a workload's Trino container (`trinodb/trino:447`).
    Image {
        /// The image.
        image: String,
        /// The workload (`Deployment trino-coordinator`).
        workload: String,
    },
    /// Nothing tells: the newest release trinocfg knows.
    Newest,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            release: newest_known(),
            source: TargetSource::Newest,
        }
    }
}

/// The releases a caller may name (`--trino-version`, the packages' `release`): those the
/// catalogue's releases can judge, by the nearest known ones.
pub const GIVEN_RELEASES: std::ops::RangeInclusive<u32> = 400..=999;

/// The newest release the catalogue knows.
pub fn newest_known() -> u32 {
    known_releases().last().unwrap_or(0)
}

impl Target {
    /// A release given by the caller.
    pub fn given(release: u32) -> Self {
        Target {
            release,
            source: TargetSource::Given,
        }
    }

    /// The known releases whose facts judge this one.
    pub fn basis(&self) -> Basis {
        basis(self.release)
    }
}

impl fmt::Display for Target {
    /// `Trino 447 (the image of Deployment trino-coordinator, trinodb/trino:447), judged by the
    /// facts of Trino 435 and 451 (only what both refuse is an error)`; a known release is
    /// judged by its own facts and says no more.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match &self.source {
            TargetSource::Given => "given on the command line".to_owned(),
            TargetSource::Spec { stated: true } => "the spec's cluster.trino_version".to_owned(),
            TargetSource::Spec { stated: false } => {
                "the spec's default; set cluster.trino_version to the release you run".to_owned()
            }
            TargetSource::Image { image, workload } => {
                format!("the image of {workload}, {image}")
            }
            TargetSource::Newest => {
                "the newest release trinocfg knows: nothing in the input names one; give --trino-version".to_owned()
            }
        };
        write!(f, "Trino {} ({why})", self.release)?;
        match self.basis() {
            Basis::Known(_) => Ok(()),
            other => write!(f, ", judged by {other}"),
        }
    }
}

/// The Trino release an image runs, from its tag: `trinodb/trino:447`,
/// `ghcr.io/trinodb/trino:447-arm64`, `registry.local/mirror/trino:468`. Only an image whose
/// repository is named `trino` counts (a distribution such as Starburst numbers its releases
/// differently); a digest, `latest` or a tag that does not start with a release number tells
/// nothing.
pub fn release_of_image(image: &str) -> Option<u32> {
    let (repository, tag) = image.rsplit_once(':')?;
    if repository.contains('@') || tag.contains('/') {
        return None;
    }
    let name = repository.rsplit('/').next()?;
    if name != "trino" {
        return None;
    }
    let digits: String = tag.chars().take_while(char::is_ascii_digit).collect();
    let rest = &tag[digits.len()..];
    if digits.is_empty() || digits.len() > 4 || !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_from_image_tags() {
        assert_eq!(release_of_image("trinodb/trino:447"), Some(447));
        assert_eq!(
            release_of_image("ghcr.io/trinodb/trino:468-arm64"),
            Some(468)
        );
        assert_eq!(
            release_of_image("registry:5000/mirror/trino:480"),
            Some(480)
        );
        assert_eq!(release_of_image("trinodb/trino:latest"), None);
        assert_eq!(release_of_image("trinodb/trino"), None);
        assert_eq!(release_of_image("registry:5000/trino"), None);
        assert_eq!(release_of_image("trinodb/trino@sha256:abc"), None);
        assert_eq!(
            release_of_image("starburstdata/starburst-enterprise:413-e"),
            None
        );
        assert_eq!(release_of_image("trinodb/trino:4x7"), None);
    }

    #[test]
    fn the_target_says_why() {
        let t = Target {
            release: 447,
            source: TargetSource::Image {
                image: "trinodb/trino:447".into(),
                workload: "Deployment coordinator".into(),
            },
        };
        assert_eq!(
            t.to_string(),
            "Trino 447 (the image of Deployment coordinator, trinodb/trino:447), judged by the facts of Trino 435 and 451 (only what both refuse is an error)"
        );
        assert_eq!(Target::default().release, 482);
        assert!(Target::default()
            .to_string()
            .contains("give --trino-version"));
    }
}
