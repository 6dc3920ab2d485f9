// Package match normalises table labels and scores how well a label written
// in a report matches an official label from the table specs. Readers (text,
// HTML, the xlsx fallback) use it to find rows and columns whatever the
// script, width, spacing or bracket damage of the source:
//
//   - traditional characters (seed 000) are converted to simplified;
//   - full-width forms are folded to ASCII;
//   - white space inside labels is dropped (商业 企业, 结 果 维 持);
//   - punctuation and brackets are ignored, so 二)部分公开 matches （二）部分公开;
//   - ordinals (一、 （一） 1.) can be compared separately from the label body;
//   - truncated headers (本年新 for 本年新制作数量) match by prefix, with a lower score.
package match
