-- newsgraph knowledge base, schema version 2: doc_fts and quote_fts gain
-- the column meta, which holds filter tokens (publication years and
-- months, entities, speakers, outlet, via relays; see filter.go) so that
-- FTS5 applies search filters itself. The tables are contentless, so the
-- Go side of this migration (reindex) fills them again from the stored
-- documents.
DROP TABLE doc_fts;
CREATE VIRTUAL TABLE doc_fts USING fts5(
	fr, en, und, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
DROP TABLE quote_fts;
CREATE VIRTUAL TABLE quote_fts USING fts5(
	fr, en, und, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

-- Relays by folded name: the via filters of search and quotes look them up
-- by name as well as by entity.
CREATE INDEX quote_relays_fold ON quote_relays(fold, role);
