package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"

	"gorm.io/gorm"

	"leadwerk/app"
)

// userReferenceColumns are the columns of the JSON export that hold the id
// of a user: owner_id of leads, deals and activities, and user_id of the
// audit trail, the field history and the stage history.
var userReferenceColumns = map[string]bool{"owner_id": true, "user_id": true}

// userIDMap maps the id of each user of a JSON document to the id of the
// same user in the database the document is imported into.
type userIDMap map[int64]int64

// moved reports whether some user of the document has another id in the
// database.
func (m userIDMap) moved() bool {
	for from, to := range m {
		if from != to {
			return true
		}
	}

	return false
}

// storedUsers is the users table of the import's target, as far as the
// mapping of the document's users needs it.
type storedUsers struct {
	idByLogin map[string]int64
	usedIDs   map[int64]bool
	maxID     int64
}

func readStoredUsers(tx *gorm.DB) (storedUsers, error) {
	var rows []userRow
	if err := tx.Select("id, login").Find(&rows).Error; err != nil {
		return storedUsers{}, fmt.Errorf("read the stored users: %w", err)
	}

	stored := storedUsers{idByLogin: map[string]int64{}, usedIDs: map[int64]bool{}}
	for _, r := range rows {
		stored.idByLogin[r.Login] = r.ID
		stored.usedIDs[r.ID] = true
		stored.maxID = max(stored.maxID, r.ID)
	}

	return stored, nil
}

// documentUser is one record of the document's users section.
type documentUser struct {
	id     int64
	login  string
	name   string
	object map[string]json.RawMessage
}

func parseDocumentUser(object map[string]json.RawMessage) (documentUser, error) {
	u := documentUser{object: object}
	if err := json.Unmarshal(object["id"], &u.id); err != nil || u.id <= 0 {
		return documentUser{}, fmt.Errorf("user record %s has no valid id: %w", object["id"], app.ErrInvalid)
	}

	_ = json.Unmarshal(object["login"], &u.login)
	_ = json.Unmarshal(object["name"], &u.name)
	if u.login == "" {
		return documentUser{}, fmt.Errorf("user %d has no login name: %w", u.id, app.ErrInvalid)
	}

	return u, nil
}

// storeUsers maps the users that the document's users section listed to
// the target's users and stores the new ones. A user whose login name
// the target has becomes that user, which takes the document's name. A
// new user keeps its id unless the target has a user with that id, and
// then gets an id above every id of the target and the document.
func (imp *jsonImporter) storeUsers(t exportTable, objects []map[string]json.RawMessage) error {
	users := make([]documentUser, 0, len(objects))
	var maxDocumentID int64
	for _, object := range objects {
		if err := checkKeys(t, object); err != nil {
			return err
		}

		u, err := parseDocumentUser(object)
		if err != nil {
			return err
		}
		users = append(users, u)
		maxDocumentID = max(maxDocumentID, u.id)
	}

	stored, err := readStoredUsers(imp.tx)
	if err != nil {
		return err
	}

	nextID := max(stored.maxID, maxDocumentID)
	seen := map[string]bool{}
	for _, u := range users {
		if seen[u.login] {
			return fmt.Errorf("the document lists login name %q twice: %w", u.login, app.ErrInvalid)
		}
		seen[u.login] = true

		if id, ok := stored.idByLogin[u.login]; ok {
			imp.users[u.id] = id
			if err := imp.renameStoredUser(id, u.name); err != nil {
				return err
			}
			continue
		}

		id := u.id
		if stored.usedIDs[id] {
			nextID++
			id = nextID
			u.object["id"] = json.RawMessage(strconv.FormatInt(id, 10))
		}
		if err := imp.insertRecord(t, u.object, 0); err != nil {
			return err
		}
		imp.users[u.id] = id
		stored.usedIDs[id] = true
	}

	slog.Info("users of the JSON export mapped", "users", len(users), "ids", imp.users)

	return nil
}

// renameStoredUser gives the target's user id the document's name, so
// that the owner text of the imported records names that user.
func (imp *jsonImporter) renameStoredUser(id int64, name string) error {
	if name == "" {
		return nil
	}

	err := imp.tx.Exec(`UPDATE users SET name = ?, updated_at = ?, `+raiseVersionSQL+` WHERE id = ? AND name <> ?`,
		name, imp.now.UTC(), id, name).Error
	if err != nil {
		return fmt.Errorf("rename user %d: %w", id, err)
	}

	return nil
}

// mapUserValue returns v, the decoded value of field f, with the
// document's user ids replaced by the target's. A reference to a user
// that the document's users section did not list wraps [app.ErrInvalid].
func (imp *jsonImporter) mapUserValue(f field, v any) (any, error) {
	switch {
	case v == nil:
		return nil, nil
	case userReferenceColumns[f.name]:
		id, _ := v.(int64)
		mapped, ok := imp.users[id]
		if !ok {
			return nil, fmt.Errorf("%s %d names a user that the document's users section does not list: %w",
				f.name, id, app.ErrInvalid)
		}
		return mapped, nil
	case f.name == "snapshot" && imp.users.moved():
		snapshot, _ := v.(string)
		return mapSnapshotUsers(snapshot, imp.users)
	default:
		return v, nil
	}
}

// mapSnapshotUsers returns the JSON of a trash or merge snapshot with the
// user ids of its stored rows replaced by those of users. A stored row
// writes a column as a key and an integer as {"i": n} (see sqlValue).
func mapSnapshotUsers(snapshot string, users userIDMap) (string, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(snapshot)))
	dec.UseNumber()

	var tree any
	if err := dec.Decode(&tree); err != nil {
		return "", fmt.Errorf("read snapshot: %w", err)
	}

	if err := mapTreeUsers(tree, users); err != nil {
		return "", err
	}

	mapped, err := json.Marshal(tree)
	if err != nil {
		return "", fmt.Errorf("write snapshot: %w", err)
	}

	return string(mapped), nil
}

// mapTreeUsers replaces, anywhere in the decoded JSON node, the integer
// of each user reference column with its id in users.
func mapTreeUsers(node any, users userIDMap) error {
	switch n := node.(type) {
	case []any:
		for _, child := range n {
			if err := mapTreeUsers(child, users); err != nil {
				return err
			}
		}
	case map[string]any:
		for key, child := range n {
			if err := mapTreeUsers(child, users); err != nil {
				return err
			}

			value, isValue := child.(map[string]any)
			number, isInt := value["i"].(json.Number)
			if !userReferenceColumns[key] || !isValue || !isInt {
				continue
			}

			id, err := number.Int64()
			mapped, ok := users[id]
			if err != nil || !ok {
				return fmt.Errorf("snapshot column %s names user %s, which the document's users section does not list: %w",
					key, number, app.ErrInvalid)
			}
			value["i"] = json.Number(strconv.FormatInt(mapped, 10))
		}
	}

	return nil
}
