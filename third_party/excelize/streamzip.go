package excelize

// govreport patch (see PATCHES.md): SetStreamZipWriter. A StreamWriter
// keeps its sheet's XML in memory up to streamSpillSize and then in a
// temporary file, which File.Write copies into the zip archive: for the
// summary of 100,000 reports, a gigabyte of XML written to disk and read
// back only to be compressed. With a stream zip writer, a stream whose
// buffer spills writes it into its own entry of that writer instead, as
// it goes; File.Write then leaves that entry as it is. The writer must be
// the one File.Write saves through (SetZipWriter), and must allow entries
// to be created in any order, one at a time (like zip.Writer).

// SetStreamZipWriter makes streams that outgrow their memory buffer write
// into zw (one stream at a time; the others spill to temporary files as
// usual).
func (f *File) SetStreamZipWriter(zw ZipWriter) { f.streamZip = zw }

// spillToZip reports whether the buffer spills into the stream zip
// writer, creating the stream's entry on the first spill.
func (bw *bufferedWriter) spillToZip() bool {
	if bw.sink != nil {
		return true
	}
	f := bw.file
	if bw.tmp != nil || f == nil || f.streamZip == nil || f.streamZipBusy {
		return false
	}
	w, err := f.streamZip.Create(bw.path)
	if err != nil {
		return false
	}
	bw.sink, f.streamZipBusy = w, true
	bw.head = append([]byte(nil), bw.buf.Bytes()...)
	return true
}

// releaseZip lets the next stream use the stream zip writer once this one
// is flushed.
func (bw *bufferedWriter) releaseZip() {
	if bw.sink != nil && bw.file != nil {
		bw.file.streamZipBusy = false
		bw.head = nil
	}
}
