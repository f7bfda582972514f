package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Entity rows of a write transaction: keys, upserts, aliases and the lookup
// of an unlinked speaker by name.

func entityKey(kbID, typ, name string) string {
	if kbID != "" {
		return "kb:" + kbID
	}
	return "n:" + typ + ":" + store.Fold(strings.TrimSpace(name))
}

// upsertEntity returns the id of the entity with that key, creating it.
func (t *txn) upsertEntity(key, name, typ, kbID, gender string) (int64, error) {
	if r, ok := t.cachedEntity(key); ok {
		if r.gendered || gender == "" {
			return r.id, nil
		}
		if off, ok := t.pendingEntities[r.id]; ok { // still buffered: set its gender there
			t.rows.entities.vals[off+5] = gender
			t.entities[key] = entityRef{id: r.id, gendered: true}
			return r.id, nil
		}
	}
	// Most entities exist already: a lookup is cheaper than an upsert.
	var (
		id  int64
		old string
	)
	switch err := t.row("SELECT id, gender FROM entities WHERE key = ?", key).Scan(&id, &old); {
	case err == nil:
		if old == "" && gender != "" {
			if _, err := t.exec("UPDATE entities SET gender = ? WHERE id = ?", gender, id); err != nil {
				return 0, err
			}
		}
	case errors.Is(err, sql.ErrNoRows):
		if id, err = t.nextID("entities", &t.nextEntity); err != nil {
			return 0, err
		}
		t.created[id] = true
		t.pendingEntities[id] = len(t.rows.entities.vals)
		t.rows.entities.add(id, key, name, typ, kbID, gender)
	default:
		return 0, err
	}
	t.entities[key] = entityRef{id: id, gendered: old != "" || gender != ""}
	return id, nil
}

// addName records an alias of an entity.
func (t *txn) addName(entity int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	k := strconv.FormatInt(entity, 10) + "\x1f" + name
	if t.cachedName(k) {
		return nil
	}
	t.names[k] = true
	var nid int64
	// An entity created by this transaction has only the aliases t.names
	// lists.
	if !t.created[entity] {
		switch err := t.row("SELECT id FROM entity_names WHERE entity = ? AND name = ?", entity, name).Scan(&nid); {
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	nid, err := t.nextID("entity_names", &t.nextName)
	if err != nil {
		return err
	}
	fold := store.Fold(name)
	t.rows.names.add(nid, entity, name, fold)
	t.pendingFolds[fold] = append(t.pendingFolds[fold], entity)
	t.entityFTS = append(t.entityFTS, ftsRow{rowid: nid, col: "name", text: name})
	return nil
}

// findByName returns the most used entity with this exact (folded) alias,
// preferring persons.
func (t *txn) findByName(name string) (int64, bool, error) {
	fold := store.Fold(name)
	type cand struct {
		per  bool
		docs int64
	}
	cands := map[int64]cand{}
	if err := scanAll(t.ctx, stmtQuerier{t}, `SELECT DISTINCT e.id, e.type = 'PER', e.docs FROM entity_names n JOIN entities e ON e.id = n.entity
		WHERE n.fold = ?`, []any{fold}, func(r *sql.Rows) error {
		var (
			id int64
			c  cand
		)
		err := r.Scan(&id, &c.per, &c.docs)
		cands[id] = c
		return err
	}); err != nil {
		return 0, false, err
	}
	// Aliases buffered by this batch, of new or stored entities.
	for _, id := range t.pendingFolds[fold] {
		if _, ok := cands[id]; ok {
			continue
		}
		if off, ok := t.pendingEntities[id]; ok {
			cands[id] = cand{per: t.rows.entities.vals[off+3] == "PER"}
			continue
		}
		var c cand
		if err := t.row("SELECT type = 'PER', docs FROM entities WHERE id = ?", id).Scan(&c.per, &c.docs); err != nil {
			return 0, false, err
		}
		cands[id] = c
	}
	// The document counts include this batch's, not yet written.
	var best struct {
		id, docs int64
		per      bool
	}
	for id, c := range cands {
		docs := c.docs
		if n := t.counts[id]; n != nil {
			docs += n.docs
		}
		if docs <= 0 {
			continue
		}
		better := best.id == 0 || (c.per && !best.per) ||
			(c.per == best.per && (docs > best.docs || (docs == best.docs && id < best.id)))
		if better {
			best.id, best.docs, best.per = id, docs, c.per
		}
	}
	return best.id, best.id != 0, nil
}

// stmtQuerier runs queries through the transaction's prepared statements.
type stmtQuerier struct{ t *txn }

func (q stmtQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := q.t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (q stmtQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.t.row(query, args...)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
