package ui

import (
	"context"
	"errors"
	"os/user"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// runAction runs a store call for the shown lead in a goroutine and then
// reloads list and detail through onChanged. A failure shows invalid when
// the error wraps app.ErrInvalid, because the lead's status no longer
// allows the action, and failed otherwise.
func (d *leadDetail) runAction(action func(ctx context.Context, id int64) error, failed, invalid string) {
	id := d.lead.ID
	go func() {
		err := action(context.Background(), id)
		d.do(func() {
			switch {
			case errors.Is(err, app.ErrInvalid) && invalid != "":
				d.errors.report(invalid, err)
			case err != nil:
				d.errors.report(failed, err)
			}
			d.onChanged(id)
		})
	}()
}

// onStatusTapped moves the lead to status to. Disqualifying prompts for the
// reason first, because the lifecycle requires one.
func (d *leadDetail) onStatusTapped(to app.LeadStatus) {
	if to == app.LeadDisqualified {
		d.askDisqualifyReason()
		return
	}

	d.changeStatus(to, "")
}

func (d *leadDetail) changeStatus(to app.LeadStatus, reason string) {
	d.runAction(func(ctx context.Context, id int64) error {
		return d.store.ChangeLeadStatus(ctx, id, to, reason)
	}, lang.L("The status could not be changed. The log file has the details."),
		lang.L("The lead cannot move to this status from its current one."))
}

func (d *leadDetail) askDisqualifyReason() {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(lang.L("such as: no budget, competitor chosen"))
	form := dialog.NewForm(lang.L("Disqualify lead"), lang.L("Disqualify"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)},
		func(ok bool) {
			if ok {
				d.changeStatus(app.LeadDisqualified, strings.TrimSpace(reason.Text))
			}
		}, d.window)
	reason.Validator = func(text string) error {
		if strings.TrimSpace(text) == "" {
			return errors.New(lang.L("Enter the reason."))
		}
		return nil
	}
	reason.OnSubmitted = func(string) { form.Submit() }
	form.Resize(fyne.NewSize(420, 0))
	showClosingOnEscape(d.window, form)
	d.window.Canvas().Focus(reason)
}

// onTemperatureChanged sets or clears the hand-set temperature.
func (d *leadDetail) onTemperatureChanged(string) {
	i := d.temperature.SelectedIndex()
	if i < 0 {
		return
	}

	t := temperatureChoices[i]
	d.runAction(func(ctx context.Context, id int64) error {
		return d.store.SetTemperature(ctx, id, t)
	}, lang.L("The temperature could not be set. The log file has the details."), "")
}

// onHandOverTapped prompts for who hands the lead over, offering the name of
// the account Leadwerk runs under, and records it with the time.
func (d *leadDetail) onHandOverTapped() {
	by := widget.NewEntry()
	by.SetText(currentUserName())
	form := dialog.NewForm(lang.L("Hand over to sales"), lang.L("Hand over"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Handed over by"), by)},
		func(ok bool) {
			if !ok {
				return
			}
			name := strings.TrimSpace(by.Text)
			d.runAction(func(ctx context.Context, id int64) error {
				return d.store.HandOver(ctx, id, name)
			}, lang.L("The lead could not be handed over. The log file has the details."),
				lang.L("Only qualified leads can be handed over to sales."))
		}, d.window)
	by.OnSubmitted = func(string) { form.Submit() }
	form.Resize(fyne.NewSize(420, 0))
	showClosingOnEscape(d.window, form)
}

func currentUserName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}

	if u.Name != "" {
		return u.Name
	}

	return u.Username
}

// onConvertTapped loads the pipelines and lets the person choose the one the new
// opportunity starts in.
func (d *leadDetail) onConvertTapped() {
	go func() {
		pipelines, err := d.store.Pipelines(context.Background())
		d.do(func() {
			if err != nil {
				d.errors.report(lang.L("The sales processes could not be loaded. The log file has the details."), err)
				return
			}
			d.askPipeline(pipelines)
		})
	}()
}

func (d *leadDetail) askPipeline(pipelines []app.Pipeline) {
	if len(pipelines) == 0 {
		dialog.ShowInformation(lang.L("Convert"), lang.L("There is no sales process yet. Load or import one first."), d.window)
		return
	}

	names := make([]string, len(pipelines))
	for i, p := range pipelines {
		names[i] = p.Name
	}
	choice := newSelect(names, nil)
	choice.SetSelectedIndex(0)
	title := widget.NewEntry()
	title.SetPlaceHolder(d.lead.CompanyName)

	intro := wrappedLabel(lang.L("The lead becomes a company, a contact and an opportunity, pre-filled from its newest qualification."))
	items := []*widget.FormItem{
		widget.NewFormItem("", intro),
		widget.NewFormItem(lang.L("Sales process"), choice),
		widget.NewFormItem(lang.L("Title"), title),
	}
	form := dialog.NewForm(lang.L("Convert lead"), lang.L("Convert"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			d.convert(app.ConversionRequest{PipelineID: pipelines[choice.SelectedIndex()].ID, Title: strings.TrimSpace(title.Text)})
		}
	}, d.window)
	title.OnSubmitted = func(string) { form.Submit() }
	form.Resize(fyne.NewSize(480, 0))
	showClosingOnEscape(d.window, form)
}

func (d *leadDetail) convert(r app.ConversionRequest) {
	id := d.lead.ID
	activities := len(d.lead.Activities)
	go func() {
		result, err := d.store.ConvertLead(context.Background(), id, r)
		d.do(func() {
			var converted *app.AlreadyConvertedError
			if errors.As(err, &converted) {
				// Reload, so that the panel offers Undo in place of Convert.
				d.errors.report(alreadyConvertedMessage(converted.By), err)
				d.onChanged(id)
				return
			}
			if err != nil {
				d.errors.report(lang.L("The lead could not be converted. Nothing was changed."), err)
				return
			}
			d.onChanged(id)
			dialog.ShowInformation(lang.L("Lead converted"), conversionSummary(result, activities), d.window)
		})
	}()
}

// alreadyConvertedMessage returns the message that someone converted the
// lead since it was shown, with their name unless by is "".
func alreadyConvertedMessage(by string) string {
	if by == "" {
		return lang.L("This lead was already converted. Nothing was changed.")
	}

	return lang.X("convert.already_converted_by", "{{.Name}} already converted this lead. Nothing was changed.",
		map[string]any{"Name": by})
}

// conversionSummary names the company, contact and opportunity a
// conversion made or matched, and how many of the lead's activities moved
// to the opportunity.
func conversionSummary(r app.ConversionResult, activities int) string {
	company := lang.X("convert.company.matched", "Company {{.Name}}: matched an existing company.",
		map[string]any{"Name": quoted(r.CompanyName)})
	if r.CompanyCreated {
		company = lang.X("convert.company.created", "Company {{.Name}}: created.", map[string]any{"Name": quoted(r.CompanyName)})
	}

	contact := lang.X("convert.contact.matched", "Contact {{.Name}}: matched by e-mail.", map[string]any{"Name": r.ContactName})
	if r.ContactCreated {
		contact = lang.X("convert.contact.created", "Contact {{.Name}}: created.", map[string]any{"Name": r.ContactName})
	}

	opportunity := lang.X("convert.opportunity", "Opportunity {{.Title}}: created.", map[string]any{"Title": quoted(r.OpportunityTitle)})
	if activities > 0 {
		opportunity += " " + lang.XN("convert.activities", "The lead's {{.Count}} activities moved to it.", activities,
			map[string]any{"Count": activities})
	}

	return company + "\n" + contact + "\n" + opportunity
}

// quoted puts text in the language's quotation marks, so a name that
// contains a colon or comma still reads as one name.
func quoted(text string) string {
	return lang.X("quoted", "“{{.Text}}”", map[string]any{"Text": text})
}

func (d *leadDetail) onUndoTapped() {
	message := lang.L("The opportunity is deleted, and the company and contact too if the conversion created them. The lead returns to its status before.")
	confirm := dialog.NewConfirm(lang.L("Undo conversion?"), message, func(ok bool) {
		if !ok {
			return
		}
		d.runAction(func(ctx context.Context, id int64) error {
			return d.store.UndoConversion(ctx, id)
		}, lang.L("The conversion could not be undone. The log file has the details."),
			lang.L("The opportunity was changed after the conversion, so the conversion can no longer be undone."))
	}, d.window)
	showClosingOnEscape(d.window, confirm)
}
