-- newsgraph knowledge base, schema version 1.
-- Spans are byte offsets [start, end) into documents.text.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
	id              INTEGER PRIMARY KEY,
	doc_id          TEXT NOT NULL UNIQUE,   -- doc.Document.ID
	hash            TEXT NOT NULL UNIQUE,   -- store.ContentHash(text)
	source          TEXT NOT NULL,
	title           TEXT NOT NULL DEFAULT '',
	url             TEXT NOT NULL DEFAULT '',
	outlet          TEXT NOT NULL DEFAULT '',
	published       TEXT NOT NULL DEFAULT '', -- ISO 8601 at its precision
	pub_start       TEXT NOT NULL DEFAULT '', -- first day covered, YYYY-MM-DD
	pub_end         TEXT NOT NULL DEFAULT '', -- last day covered
	lang            TEXT NOT NULL DEFAULT 'und',
	lang_base       TEXT NOT NULL DEFAULT 'und', -- "fr" for "fr-CA"
	lang_confidence REAL NOT NULL DEFAULT 0,
	lang_source     TEXT NOT NULL DEFAULT '',
	body_start      INTEGER NOT NULL,
	body_end        INTEGER NOT NULL,
	paragraphs      TEXT NOT NULL DEFAULT '[]', -- JSON [[start, end, removed], ...]
	n_sentences     INTEGER NOT NULL DEFAULT 0,
	n_tokens        INTEGER NOT NULL DEFAULT 0,
	n_entities      INTEGER NOT NULL DEFAULT 0,
	n_quotes        INTEGER NOT NULL DEFAULT 0,
	version         TEXT NOT NULL,            -- analyser version
	ingested        TEXT NOT NULL             -- RFC 3339
);
CREATE INDEX documents_source ON documents(source);

-- The text apart, so that document rows stay small for filters and lists.
CREATE TABLE texts (
	id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text TEXT NOT NULL
);
CREATE INDEX documents_pub ON documents(pub_start, id);
CREATE INDEX documents_lang ON documents(lang_base, pub_start, id);

CREATE TABLE removed (
	doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL,
	kind   TEXT NOT NULL,
	reason TEXT NOT NULL,
	stage  TEXT NOT NULL
);
CREATE INDEX removed_doc ON removed(doc);

CREATE TABLE problems (
	doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	stage   TEXT NOT NULL,
	message TEXT NOT NULL
);
CREATE INDEX problems_doc ON problems(doc);

-- Entities merged across documents: key is "kb:<KB id>" or
-- "n:<type>:<folded canonical name>".
CREATE TABLE entities (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	kb_id    TEXT NOT NULL DEFAULT '',
	gender   TEXT NOT NULL DEFAULT '',
	docs     INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0,
	quotes   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_docs ON entities(docs, id);

CREATE TABLE entity_names (
	id     INTEGER PRIMARY KEY,
	entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	name   TEXT NOT NULL,
	fold   TEXT NOT NULL, -- store.Fold(name)
	UNIQUE (entity, name)
);
CREATE INDEX entity_names_fold ON entity_names(fold);

-- One row per alias (rowid = entity_names.id).
CREATE VIRTUAL TABLE entity_fts USING fts5(
	name, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

-- A document's entities: ord is the position in doc.Entities (kind
-- 'entity'), or past them for named speakers the analyser did not link
-- (kind 'speaker').
CREATE TABLE doc_entities (
	doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	entity   INTEGER NOT NULL REFERENCES entities(id),
	kind     TEXT NOT NULL,
	local_id TEXT NOT NULL,
	name     TEXT NOT NULL,
	names    TEXT NOT NULL DEFAULT '[]', -- JSON
	type     TEXT NOT NULL,
	stage    TEXT NOT NULL,
	PRIMARY KEY (doc, ord)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);

CREATE TABLE mentions (
	doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord    INTEGER NOT NULL,
	entity INTEGER NOT NULL,
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	stage  TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE roles (
	doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord    INTEGER NOT NULL,
	entity INTEGER NOT NULL,
	text   TEXT NOT NULL,
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL
);
CREATE INDEX roles_doc ON roles(doc);
CREATE INDEX roles_entity ON roles(entity);

CREATE TABLE quotes (
	id            INTEGER PRIMARY KEY,
	doc           INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start         INTEGER NOT NULL,
	end           INTEGER NOT NULL,               -- the text is texts.text[start:end]
	kind          TEXT NOT NULL,
	speaker       INTEGER,                 -- entities.id
	speaker_local TEXT NOT NULL DEFAULT '',
	speaker_name  TEXT NOT NULL DEFAULT '',
	speaker_start INTEGER NOT NULL DEFAULT 0,
	speaker_end   INTEGER NOT NULL DEFAULT 0,
	anonymous     INTEGER NOT NULL DEFAULT 0,
	cue_start     INTEGER NOT NULL DEFAULT 0,
	cue_end       INTEGER NOT NULL DEFAULT 0,
	confidence    REAL NOT NULL DEFAULT 0,
	stage         TEXT NOT NULL,
	lang          TEXT NOT NULL,           -- copied from the document
	lang_base     TEXT NOT NULL,
	pub_start     TEXT NOT NULL,
	pub_end       TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker, pub_start, id);
CREATE INDEX quotes_pub ON quotes(pub_start, id);
CREATE INDEX quotes_lang ON quotes(lang_base, pub_start, id);

CREATE TABLE quote_relays (
	quote  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
	role   TEXT NOT NULL,  -- via | to
	pos    INTEGER NOT NULL,
	name   TEXT NOT NULL,
	fold   TEXT NOT NULL,
	entity INTEGER,
	local  TEXT NOT NULL DEFAULT '',
	start  INTEGER NOT NULL DEFAULT 0,
	end    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quote_relays_quote ON quote_relays(quote);
CREATE INDEX quote_relays_entity ON quote_relays(entity);

-- Entities mentioned inside a quote (the speaker excluded).
CREATE TABLE quote_about (
	quote  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
	entity INTEGER NOT NULL,
	PRIMARY KEY (quote, entity)
) WITHOUT ROWID;
CREATE INDEX quote_about_entity ON quote_about(entity, quote);

CREATE TABLE times (
	doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start  INTEGER NOT NULL,
	end    INTEGER NOT NULL,
	type   TEXT NOT NULL,
	value  TEXT NOT NULL,
	anchor TEXT NOT NULL,
	stage  TEXT NOT NULL
);
CREATE INDEX times_doc ON times(doc);

CREATE TABLE quantities (
	doc       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start     INTEGER NOT NULL,
	end       INTEGER NOT NULL,
	value     REAL NOT NULL,
	value_max REAL,
	unit      TEXT NOT NULL,
	si_value  REAL,
	si_unit   TEXT NOT NULL DEFAULT '',
	approx    INTEGER NOT NULL DEFAULT 0,
	measured  TEXT NOT NULL DEFAULT '',
	stage     TEXT NOT NULL
);
CREATE INDEX quantities_doc ON quantities(doc);

CREATE TABLE events (
	doc          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start        INTEGER NOT NULL,
	end          INTEGER NOT NULL,
	type         TEXT NOT NULL,
	participants TEXT NOT NULL DEFAULT '[]', -- JSON array of entities.id
	place        INTEGER,
	origin       INTEGER,
	time         TEXT NOT NULL DEFAULT '',
	stage        TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);

-- Full text: per-language columns hold the Snowball stems of the title and
-- kept text (see internal/store/text.go); only the column of the
-- document's language is filled. rowid = documents.id / quotes.id.
CREATE VIRTUAL TABLE doc_fts USING fts5(
	fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quote_fts USING fts5(
	fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
