package excelize

// A worksheet written by hand from its root, for the worksheets govreport's
// report workbooks have (page set-up, views, columns, rows, merged cells,
// plain hyperlinks); any other element leaves the worksheet to
// encodeWorksheet.
//
// govreport patch: see PATCHES.md (38).

import (
	"bytes"
	"strconv"
)

// worksheetStart is what encoding/xml writes for the worksheet's start tag
// (its XMLName's tag names the element and its namespace).
const worksheetStart = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

// plainWorksheet reports whether encodeWorksheetByHand writes ws: none of
// the elements it does not know, no tab colour, no relationship ids.
func plainWorksheet(ws *xlsxWorksheet) bool {
	if ws.SheetCalcPr != nil || ws.SheetProtection != nil || ws.ProtectedRanges != nil || ws.Scenarios != nil ||
		ws.AutoFilter != nil || ws.SortState != nil || ws.DataConsolidate != nil || ws.CustomSheetViews != nil ||
		ws.PhoneticPr != nil || len(ws.ConditionalFormatting) != 0 || ws.DataValidations != nil ||
		ws.RowBreaks != nil || ws.ColBreaks != nil || ws.CustomProperties != nil || ws.CellWatches != nil ||
		ws.IgnoredErrors != nil || ws.SmartTags != nil || ws.Drawing != nil || ws.LegacyDrawing != nil ||
		ws.LegacyDrawingHF != nil || ws.DrawingHF != nil || ws.Picture != nil || ws.OleObjects != nil ||
		ws.Controls != nil || ws.WebPublishItems != nil || ws.AlternateContent != nil || ws.TableParts != nil ||
		ws.ExtLst != nil || ws.DecodeAlternateContent != nil {
		return false
	}
	if ws.SheetPr != nil && ws.SheetPr.TabColor != nil {
		return false
	}
	if ws.PageSetUp != nil && ws.PageSetUp.RID != "" {
		return false
	}
	if ws.Hyperlinks != nil && !plainHyperlinks(ws.Hyperlinks.Hyperlink) {
		return false
	}
	return true
}

// encodeWorksheetByHand writes a plainWorksheet as encoding/xml's Encode
// writes it.
func encodeWorksheetByHand(buf *bytes.Buffer, ws *xlsxWorksheet) {
	buf.WriteString(worksheetStart)
	if p := ws.SheetPr; p != nil {
		buf.WriteString("<sheetPr")
		writeBoolAttr(buf, "syncHorizontal", p.SyncHorizontal)
		writeBoolAttr(buf, "syncVertical", p.SyncVertical)
		writeStrAttr(buf, "syncRef", p.SyncRef)
		writeBoolAttr(buf, "transitionEvaluation", p.TransitionEvaluation)
		writeBoolAttr(buf, "transitionEntry", p.TransitionEntry)
		writeBoolPtrAttr(buf, "published", p.Published)
		writeStrAttr(buf, "codeName", p.CodeName)
		writeBoolAttr(buf, "filterMode", p.FilterMode)
		writeBoolPtrAttr(buf, "enableFormatConditionsCalculation", p.EnableFormatConditionsCalculation)
		buf.WriteByte('>')
		if o := p.OutlinePr; o != nil {
			buf.WriteString("<outlinePr")
			writeBoolPtrAttr(buf, "applyStyles", o.ApplyStyles)
			writeBoolPtrAttr(buf, "summaryBelow", o.SummaryBelow)
			writeBoolPtrAttr(buf, "summaryRight", o.SummaryRight)
			writeBoolPtrAttr(buf, "showOutlineSymbols", o.ShowOutlineSymbols)
			buf.WriteString("></outlinePr>")
		}
		if s := p.PageSetUpPr; s != nil {
			buf.WriteString("<pageSetUpPr")
			writeBoolAttr(buf, "autoPageBreaks", s.AutoPageBreaks)
			writeBoolAttr(buf, "fitToPage", s.FitToPage)
			buf.WriteString("></pageSetUpPr>")
		}
		buf.WriteString("</sheetPr>")
	}
	if d := ws.Dimension; d != nil {
		buf.WriteString("<dimension")
		writeAttr(buf, "ref", d.Ref)
		buf.WriteString("></dimension>")
	}
	if v := ws.SheetViews; v != nil {
		buf.WriteString("<sheetViews>")
		for i := range v.SheetView {
			encodeSheetView(buf, &v.SheetView[i])
		}
		buf.WriteString("</sheetViews>")
	}
	if f := ws.SheetFormatPr; f != nil {
		buf.WriteString("<sheetFormatPr")
		writeUintAttr(buf, "baseColWidth", uint64(f.BaseColWidth))
		writeFloatAttrNonZero(buf, "defaultColWidth", f.DefaultColWidth)
		writeFloatAttr(buf, "defaultRowHeight", f.DefaultRowHeight)
		writeBoolAttr(buf, "customHeight", f.CustomHeight)
		writeBoolAttr(buf, "zeroHeight", f.ZeroHeight)
		writeBoolAttr(buf, "thickTop", f.ThickTop)
		writeBoolAttr(buf, "thickBottom", f.ThickBottom)
		writeUintAttr(buf, "outlineLevelRow", uint64(f.OutlineLevelRow))
		writeUintAttr(buf, "outlineLevelCol", uint64(f.OutlineLevelCol))
		buf.WriteString("></sheetFormatPr>")
	}
	if c := ws.Cols; c != nil {
		buf.WriteString("<cols>")
		encodeCols(buf, c.Col)
		buf.WriteString("</cols>")
	}
	buf.WriteString("<sheetData>")
	encodeRows(buf, ws.SheetData.Row)
	buf.WriteString("</sheetData>")
	if m := ws.MergeCells; m != nil {
		buf.WriteString("<mergeCells")
		if m.Count != 0 {
			writeIntAttr(buf, "count", int64(m.Count))
		}
		buf.WriteByte('>')
		encodeMergeCells(buf, m.Cells)
		buf.WriteString("</mergeCells>")
	}
	if h := ws.Hyperlinks; h != nil {
		buf.WriteString("<hyperlinks>")
		encodeHyperlinks(buf, h.Hyperlink)
		buf.WriteString("</hyperlinks>")
	}
	if p := ws.PrintOptions; p != nil {
		buf.WriteString("<printOptions")
		writeBoolAttr(buf, "gridLines", p.GridLines)
		writeBoolAttr(buf, "gridLinesSet", p.GridLinesSet)
		writeBoolAttr(buf, "headings", p.Headings)
		writeBoolAttr(buf, "horizontalCentered", p.HorizontalCentered)
		writeBoolAttr(buf, "verticalCentered", p.VerticalCentered)
		buf.WriteString("></printOptions>")
	}
	if m := ws.PageMargins; m != nil {
		buf.WriteString("<pageMargins")
		writeFloatAttr(buf, "left", m.Left)
		writeFloatAttr(buf, "right", m.Right)
		writeFloatAttr(buf, "top", m.Top)
		writeFloatAttr(buf, "bottom", m.Bottom)
		writeFloatAttr(buf, "header", m.Header)
		writeFloatAttr(buf, "footer", m.Footer)
		buf.WriteString("></pageMargins>")
	}
	if p := ws.PageSetUp; p != nil {
		buf.WriteString("<pageSetup")
		writeBoolAttr(buf, "blackAndWhite", p.BlackAndWhite)
		writeStrAttr(buf, "cellComments", p.CellComments)
		if p.Copies != 0 {
			writeIntAttr(buf, "copies", int64(p.Copies))
		}
		writeBoolAttr(buf, "draft", p.Draft)
		writeStrAttr(buf, "errors", p.Errors)
		writeStrAttr(buf, "firstPageNumber", p.FirstPageNumber)
		writeIntPtrAttr(buf, "fitToHeight", p.FitToHeight)
		writeIntPtrAttr(buf, "fitToWidth", p.FitToWidth)
		writeStrAttr(buf, "horizontalDpi", p.HorizontalDPI)
		writeStrAttr(buf, "orientation", p.Orientation)
		writeStrAttr(buf, "pageOrder", p.PageOrder)
		writeStrAttr(buf, "paperHeight", p.PaperHeight)
		writeIntPtrAttr(buf, "paperSize", p.PaperSize)
		writeStrAttr(buf, "paperWidth", p.PaperWidth)
		if p.Scale != 0 {
			writeIntAttr(buf, "scale", int64(p.Scale))
		}
		writeBoolAttr(buf, "useFirstPageNumber", p.UseFirstPageNumber)
		writeBoolAttr(buf, "usePrinterDefaults", p.UsePrinterDefaults)
		writeStrAttr(buf, "verticalDpi", p.VerticalDPI)
		buf.WriteString("></pageSetup>")
	}
	if h := ws.HeaderFooter; h != nil {
		buf.WriteString("<headerFooter")
		writeBoolAttr(buf, "differentOddEven", h.DifferentOddEven)
		writeBoolAttr(buf, "differentFirst", h.DifferentFirst)
		writeBoolPtrAttr(buf, "scaleWithDoc", h.ScaleWithDoc)
		writeBoolPtrAttr(buf, "alignWithMargins", h.AlignWithMargins)
		buf.WriteByte('>')
		writeTextElement(buf, "oddHeader", h.OddHeader)
		writeTextElement(buf, "oddFooter", h.OddFooter)
		writeTextElement(buf, "evenHeader", h.EvenHeader)
		writeTextElement(buf, "evenFooter", h.EvenFooter)
		writeTextElement(buf, "firstHeader", h.FirstHeader)
		writeTextElement(buf, "firstFooter", h.FirstFooter)
		buf.WriteString("</headerFooter>")
	}
	buf.WriteString("</worksheet>")
}

func encodeSheetView(buf *bytes.Buffer, v *xlsxSheetView) {
	buf.WriteString("<sheetView")
	writeBoolAttr(buf, "windowProtection", v.WindowProtection)
	writeBoolAttr(buf, "showFormulas", v.ShowFormulas)
	writeBoolPtrAttr(buf, "showGridLines", v.ShowGridLines)
	writeBoolPtrAttr(buf, "showRowColHeaders", v.ShowRowColHeaders)
	writeBoolPtrAttr(buf, "showZeros", v.ShowZeros)
	writeBoolAttr(buf, "rightToLeft", v.RightToLeft)
	writeBoolAttr(buf, "tabSelected", v.TabSelected)
	writeBoolPtrAttr(buf, "showRuler", v.ShowRuler)
	writeBoolPtrAttr(buf, "showWhiteSpace", v.ShowWhiteSpace)
	writeBoolAttr(buf, "showOutlineSymbols", v.ShowOutlineSymbols)
	writeBoolPtrAttr(buf, "defaultGridColor", v.DefaultGridColor)
	writeStrAttr(buf, "view", v.View)
	writeStrAttr(buf, "topLeftCell", v.TopLeftCell)
	if v.ColorID != 0 {
		writeIntAttr(buf, "colorId", int64(v.ColorID))
	}
	writeFloatAttrNonZero(buf, "zoomScale", v.ZoomScale)
	writeFloatAttrNonZero(buf, "zoomScaleNormal", v.ZoomScaleNormal)
	writeFloatAttrNonZero(buf, "zoomScalePageLayoutView", v.ZoomScalePageLayoutView)
	writeFloatAttrNonZero(buf, "zoomScaleSheetLayoutView", v.ZoomScaleSheetLayoutView)
	writeIntAttr(buf, "workbookViewId", int64(v.WorkbookViewID))
	buf.WriteByte('>')
	if p := v.Pane; p != nil {
		buf.WriteString("<pane")
		writeStrAttr(buf, "activePane", p.ActivePane)
		writeStrAttr(buf, "state", p.State)
		writeStrAttr(buf, "topLeftCell", p.TopLeftCell)
		writeFloatAttrNonZero(buf, "xSplit", p.XSplit)
		writeFloatAttrNonZero(buf, "ySplit", p.YSplit)
		buf.WriteString("></pane>")
	}
	for _, s := range v.Selection {
		if s == nil {
			continue
		}
		buf.WriteString("<selection")
		writeStrAttr(buf, "activeCell", s.ActiveCell)
		writeIntPtrAttr(buf, "activeCellId", s.ActiveCellID)
		writeStrAttr(buf, "pane", s.Pane)
		writeStrAttr(buf, "sqref", s.SQRef)
		buf.WriteString("></selection>")
	}
	buf.WriteString("</sheetView>")
}

// writeStrAttr writes a string attribute with omitempty.
func writeStrAttr(buf *bytes.Buffer, name, value string) {
	if value != "" {
		writeAttr(buf, name, value)
	}
}

// writeUintAttr writes an unsigned attribute with omitempty.
func writeUintAttr(buf *bytes.Buffer, name string, v uint64) {
	if v != 0 {
		b := buf.AvailableBuffer()
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, `="`...)
		b = strconv.AppendUint(b, v, 10)
		buf.Write(append(b, '"'))
	}
}

// writeFloatAttrNonZero writes a float attribute with omitempty (0 and -0
// are empty).
func writeFloatAttrNonZero(buf *bytes.Buffer, name string, v float64) {
	if v != 0 {
		writeFloatAttr(buf, name, v)
	}
}

// writeTextElement writes a string element with omitempty.
func writeTextElement(buf *bytes.Buffer, name, text string) {
	if text == "" {
		return
	}
	b := buf.AvailableBuffer()
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	buf.Write(append(b, '>'))
}
