package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app/mapping"
)

// wizardExtensions are the file types the wizard offers: CSV and its
// tab-separated and plain-text forms, XLSX workbooks and vCards.
var wizardExtensions = []string{".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".vcf", ".vcard"}

// wizardFilePage is the first step: choosing the file.
type wizardFilePage struct {
	w       *importWizard
	name    *widget.Label
	status  *widget.Label
	content fyne.CanvasObject
}

func newWizardFilePage(w *importWizard) *wizardFilePage {
	p := &wizardFilePage{w: w}
	intro := widget.NewLabel(lang.X("importwizard.file.intro",
		"Choose a CSV, TSV or text file, an Excel workbook (.xlsx) or a vCard file (.vcf). Leadwerk detects how it is written and shows you before anything is imported."))
	intro.Wrapping = fyne.TextWrapWord
	choose := widget.NewButton(lang.X("importwizard.file.choose", "Choose a file…"), p.onChooseTapped)
	p.name = widget.NewLabel("")
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.content = container.NewVBox(intro, container.NewHBox(choose, p.name), p.status)

	return p
}

func (p *wizardFilePage) onChooseTapped() {
	picker := dialog.NewFileOpen(p.onFileChosen, p.w.window)
	picker.SetFilter(storage.NewExtensionFileFilter(wizardExtensions))
	picker.Resize(fyne.NewSize(800, 560))
	picker.Show()
}

func (p *wizardFilePage) onFileChosen(file fyne.URIReadCloser, err error) {
	if err != nil {
		p.w.errors.report(lang.X("importwizard.file.open_failed", "The file could not be opened. Choose it again."),
			err)
		return
	}
	if file == nil {
		return
	}

	path := file.URI().Path()
	_ = file.Close()
	p.w.openFile(path)
}

// openFile resets the choices made for the previous file, reads the
// file at path and shows the settings step when that worked.
func (w *importWizard) openFile(path string) {
	locale := w.preset.Locale
	w.path = path
	w.preset = mapping.Preset{Locale: locale}
	w.edits = map[string]mapping.Field{}
	w.planOK = false

	w.file.name.SetText(storage.NewFileURI(path).Name())
	w.reload(func() { w.showStep(stepSettings) })
}

// reload reads the file with the current choices in a goroutine and then
// fills the settings step and runs then, if the file could be read.
func (w *importWizard) reload(then func()) {
	_, gen := w.startJob()
	in := w.input()
	w.file.status.SetText(lang.X("importwizard.file.reading", "Reading the file…"))
	showText(w.settings.status, lang.X("importwizard.file.reading", "Reading the file…"))
	w.updateButtons()

	go func() {
		read := readWizardFile(in)
		w.do(func() {
			if !w.finishJob(gen) {
				return
			}
			w.onFileRead(read, then)
		})
	}()
}

func (w *importWizard) onFileRead(read wizardRead, then func()) {
	w.file.status.SetText("")
	showText(w.settings.status, "")
	if read.err != nil {
		w.planOK = false
		message := lang.X("importwizard.file.read_failed",
			"The file {{.File}} could not be read: {{.Err}}. Choose another encoding, delimiter or file.",
			map[string]any{"File": storage.NewFileURI(w.path).Name(), "Err": read.err})
		w.errors.logger.Warn("import wizard: reading the file failed", "err", read.err)
		w.file.status.SetText(message)
		showText(w.settings.status, message)
		w.updateButtons()
		return
	}

	w.plan = read.plan
	w.preview = read.preview
	w.planOK = !read.unknownKind
	w.settings.fill(read.unknownKind)
	w.updateButtons()
	if then != nil {
		then()
	}
}
