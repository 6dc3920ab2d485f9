// Package zhconv converts traditional Chinese text to simplified Chinese.
//
// It sits in the first stage of every govreport reader, right after
// package textenc has decoded the raw bytes to UTF-8: reports published in
// traditional script (or with traditional characters mixed in) are turned
// into simplified text before any heading, table label or value is matched,
// so that later stages only deal with one script.
//
// The conversion uses two dictionaries of OpenCC (Open Chinese Convert,
// Apache-2.0), TSPhrases.txt and TSCharacters.txt from the npm package
// opencc 1.4.2, embedded in the binary (see dict/PROVENANCE.md and
// dict/LICENSE). It works like OpenCC's t2s configuration: at each position
// the longest phrase of TSPhrases is tried first, and its simplified form is
// used as is; otherwise the character is converted with TSCharacters, taking
// the first candidate when a line lists several. Taiwan vocabulary (such as
// 檔案 for 文件) is not converted; only the script changes.
//
// The tables are built once, on first use (about a millisecond).
package zhconv
