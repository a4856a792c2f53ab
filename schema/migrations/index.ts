import init from './0001_init.sql?raw';
import linksAttributesHistory from './0002_links_attributes_history.sql?raw';
import corpus from './0003_corpus.sql?raw';
import review from './0004_review.sql?raw';
import annotatorNamed from './0005_annotator_named.sql?raw';
import accessibleLabelColors from './0006_accessible_label_colors.sql?raw';
import textVersions from './0007_text_versions.sql?raw';
import exactTexts from './0008_exact_texts.sql?raw';
import suggestions from './0009_suggestions.sql?raw';
import team from './0010_team.sql?raw';
import sourceMerges from './0011_source_merges.sql?raw';

export interface Migration {
  /** The PRAGMA user_version the workspace has once this migration ran. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration in order; a test checks this list against the .sql files in this folder. */
export const migrations: Migration[] = [
  { version: 1, name: '0001_init.sql', sql: init },
  { version: 2, name: '0002_links_attributes_history.sql', sql: linksAttributesHistory },
  { version: 3, name: '0003_corpus.sql', sql: corpus },
  { version: 4, name: '0004_review.sql', sql: review },
  { version: 5, name: '0005_annotator_named.sql', sql: annotatorNamed },
  { version: 6, name: '0006_accessible_label_colors.sql', sql: accessibleLabelColors },
  { version: 7, name: '0007_text_versions.sql', sql: textVersions },
  { version: 8, name: '0008_exact_texts.sql', sql: exactTexts },
  { version: 9, name: '0009_suggestions.sql', sql: suggestions },
  { version: 10, name: '0010_team.sql', sql: team },
  { version: 11, name: '0011_source_merges.sql', sql: sourceMerges },
];

export const latestSchemaVersion = migrations.length;
