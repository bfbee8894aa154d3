package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/user"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.UserService = (*Store)(nil)

// userRow mirrors the users table of schemaV20.
type userRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	Login     string    `gorm:"column:login"`
	Name      string    `gorm:"column:name"`
	CreatedAt time.Time `gorm:"column:created_at"`
	UpdatedAt time.Time `gorm:"column:updated_at"`
	Version   int64     `gorm:"column:version;default:1"`
}

func (userRow) TableName() string { return "users" }

func (r userRow) toApp() app.UserRecord {
	return app.UserRecord{ID: r.ID, Login: r.Login, Name: r.Name, CreatedAt: r.CreatedAt.UTC(), Version: r.Version}
}

// signedInPluginName is the key of the signed-in user among the plugins
// of a Store's *gorm.DB.
const signedInPluginName = "leadwerk:signed-in-user"

// signedIn is the user of one Store. It is kept as a GORM plugin because
// every session and transaction derived from the Store's *gorm.DB shares
// the plugin map, so code that holds only a transaction finds the user.
type signedIn struct {
	mu   sync.RWMutex
	user app.UserRecord
}

func (*signedIn) Name() string { return signedInPluginName }

func (*signedIn) Initialize(*gorm.DB) error { return nil }

func (p *signedIn) get() app.UserRecord {
	p.mu.RLock()
	defer p.mu.RUnlock()

	return p.user
}

func (p *signedIn) set(u app.UserRecord) {
	p.mu.Lock()
	defer p.mu.Unlock()

	p.user = u
}

// signedInUser returns the user signed in on the Store that tx comes
// from, or false before [Store.SignIn].
func signedInUser(tx *gorm.DB) (app.UserRecord, bool) {
	p, ok := tx.Config.Plugins[signedInPluginName].(*signedIn)
	if !ok {
		return app.UserRecord{}, false
	}

	u := p.get()

	return u, u.ID != 0
}

// currentUserID returns the id of the signed-in user for the user_id
// columns, or nil before SignIn.
func currentUserID(tx *gorm.DB) *int64 {
	u, ok := signedInUser(tx)
	if !ok {
		return nil
	}

	return &u.ID
}

// signInLock serialises the first registration of the plugin, because
// GORM's plugin map has no lock of its own.
var signInLock sync.Mutex

// SignIn makes the user with login the one that every later change of
// this store names, creating the user when the database has none with
// that login. An empty login means the operating system user's.
// newUserName names a new user. Then every lead and deal whose owner text
// equals a user's name, ignoring case, and whose owner_id is empty gets
// that user's id. Call it before other work on the store starts, because
// it registers the user in GORM's plugin map, which has no lock.
func (s *Store) SignIn(ctx context.Context, login string) (app.UserRecord, error) {
	if login == "" {
		login = systemLogin()
	}

	if login == "" {
		return app.UserRecord{}, fmt.Errorf("sign in: the operating system user has no login name: pass a login name: %w",
			app.ErrInvalid)
	}

	var signed app.UserRecord
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := findOrCreateUser(tx, login, s.now())
		if err != nil {
			return err
		}
		signed = row.toApp()

		return linkOwners(tx)
	})
	if err != nil {
		return app.UserRecord{}, fmt.Errorf("sign in %q: %w", login, err)
	}

	s.setSignedIn(signed)
	slog.Info("user signed in", "user_id", signed.ID)

	return signed, nil
}

// setSignedIn stores u as the user of s, registering the plugin on the
// first call.
func (s *Store) setSignedIn(u app.UserRecord) {
	signInLock.Lock()
	defer signInLock.Unlock()

	if p, ok := s.db.Config.Plugins[signedInPluginName].(*signedIn); ok {
		p.set(u)
		return
	}

	p := &signedIn{user: u}
	// Use fails only for a plugin registered before, which the check
	// above rules out.
	_ = s.db.Use(p)
}

// CurrentUser returns the user that SignIn chose, or false before it.
func (s *Store) CurrentUser() (app.UserRecord, bool) {
	return signedInUser(s.db)
}

// Users lists every user by name, then id.
func (s *Store) Users(ctx context.Context) ([]app.UserRecord, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Order("name, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}

	users := make([]app.UserRecord, len(rows))
	for i, r := range rows {
		users[i] = r.toApp()
	}

	return users, nil
}

func findOrCreateUser(tx *gorm.DB, login string, now time.Time) (userRow, error) {
	var row userRow
	err := tx.Where("login = ?", login).Take(&row).Error
	if err == nil {
		return row, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return userRow{}, fmt.Errorf("read user: %w", err)
	}

	name, err := newUserName(tx, login)
	if err != nil {
		return userRow{}, err
	}

	row = userRow{Login: login, Name: name, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		return userRow{}, fmt.Errorf("create user: %w", err)
	}

	return row, nil
}

// newUserName returns the name of a new user: for the first user, the
// name saved under "Your name" before users existed; for the operating
// system user, the system's full name; else login itself.
func newUserName(tx *gorm.DB, login string) (string, error) {
	name, err := firstUserName(tx)
	if err != nil {
		return "", err
	}

	if name == "" && login == systemLogin() {
		u, err := user.Current()
		name = systemUserName(u, err)
	}

	if name == "" {
		name = login
	}

	clean, err := app.CleanUserName(name)
	if err != nil {
		return "", fmt.Errorf("name of new user: %w", err)
	}

	return clean, nil
}

// firstUserName returns the saved user name while the database has no
// user, and "" once it has one, because the setting named the only person
// of a database that nobody shared.
func firstUserName(tx *gorm.DB) (string, error) {
	var count int64
	if err := tx.Model(&userRow{}).Count(&count).Error; err != nil {
		return "", fmt.Errorf("count users: %w", err)
	}

	var name string
	if count > 0 {
		return "", nil
	}

	if _, err := readSetting(tx, settingUserName, &name); err != nil {
		return "", err
	}

	return name, nil
}

// systemLogin returns the login name of the operating system user without
// a Windows "DOMAIN\" prefix, or "" when the lookup fails.
func systemLogin() string {
	u, err := user.Current()
	if err != nil {
		logUserLookupError(err)
		return ""
	}

	login := u.Username
	if i := strings.LastIndex(login, `\`); i >= 0 {
		login = login[i+1:]
	}

	return strings.TrimSpace(login)
}

// linkOwnersSQL gives each record without owner_id the user whose name
// its owner text names, ignoring case. LOWER folds ASCII letters only in
// SQLite, so "ÄRGER" and "ärger" stay apart there.
const linkOwnersSQL = `
UPDATE %s SET owner_id = (SELECT MIN(u.id) FROM users u WHERE LOWER(u.name) = LOWER(%s.owner))
WHERE owner_id IS NULL AND owner <> ''
	AND EXISTS (SELECT 1 FROM users u WHERE LOWER(u.name) = LOWER(%s.owner))`

// linkOwners links the leads and deals whose owner text names a user.
func linkOwners(tx *gorm.DB) error {
	for _, table := range []string{"leads", "opportunities"} {
		if err := tx.Exec(fmt.Sprintf(linkOwnersSQL, table, table, table)).Error; err != nil {
			return fmt.Errorf("link owners of %s: %w", table, err)
		}
	}

	return nil
}

// ownerOrSignedIn returns owner, or the signed-in user's name when owner
// is empty and someone signed in. linkOwners then sets the owner id.
func ownerOrSignedIn(tx *gorm.DB, owner string) string {
	if owner != "" {
		return owner
	}

	u, _ := signedInUser(tx)

	return u.Name
}

// ownerIDByName returns the id of the user named owner, ignoring case, or
// nil when owner is empty or names no user.
func ownerIDByName(tx *gorm.DB, owner string) (*int64, error) {
	owner = strings.TrimSpace(owner)
	if owner == "" {
		return nil, nil
	}

	var ids []int64
	err := tx.Raw(`SELECT id FROM users WHERE LOWER(name) = LOWER(?) ORDER BY id LIMIT 1`, owner).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("look up owner %q: %w", owner, err)
	}

	if len(ids) == 0 {
		return nil, nil
	}

	return &ids[0], nil
}

// renameUser stores name as the name of user u and writes it into the
// owner text of the leads and deals the user owns, with new versions, so
// lists that show the owner text follow the rename.
func renameUser(tx *gorm.DB, u app.UserRecord, name string, now time.Time) (app.UserRecord, error) {
	err := tx.Exec(`UPDATE users SET name = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		name, now, u.ID).Error
	if err != nil {
		return app.UserRecord{}, fmt.Errorf("rename user %d: %w", u.ID, err)
	}

	for _, table := range []string{"leads", "opportunities"} {
		update := fmt.Sprintf(`UPDATE %s SET owner = ?, %s WHERE owner_id = ?`, table, raiseVersionSQL)
		if err := tx.Exec(update, name, u.ID).Error; err != nil {
			return app.UserRecord{}, fmt.Errorf("rename owner in %s: %w", table, err)
		}
	}

	var row userRow
	if err := tx.Where("id = ?", u.ID).Take(&row).Error; err != nil {
		return app.UserRecord{}, fmt.Errorf("read user %d: %w", u.ID, err)
	}

	return row.toApp(), linkOwners(tx)
}

// userIDNamed returns the id of the signed-in user when by is that
// user's name, and nil for another name such as [app.ChangedByImport].
func userIDNamed(tx *gorm.DB, by string) *int64 {
	u, ok := signedInUser(tx)
	if !ok || u.Name != by {
		return nil
	}

	return &u.ID
}

// userNameMap maps user ids to the users' current names.
type userNameMap map[int64]string

// userNames reads the name of every user, so that history rows show a
// renamed user by the new name.
func userNames(tx *gorm.DB) (userNameMap, error) {
	var rows []userRow
	if err := tx.Select("id, name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read user names: %w", err)
	}

	names := make(userNameMap, len(rows))
	for _, r := range rows {
		names[r.ID] = r.Name
	}

	return names, nil
}

// of returns the current name of user id, or stamped, the name stored with
// the change, when id is nil or the user is gone.
func (m userNameMap) of(id *int64, stamped string) string {
	if id == nil {
		return stamped
	}

	if name, ok := m[*id]; ok {
		return name
	}

	return stamped
}
