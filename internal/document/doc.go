// Package document renders the letters recouvre sends or files as A4 PDF:
// the formal notice to pay (mise en demeure), the statement of account
// (relevé de compte) and the declaration of claim (déclaration de créance)
// to the mandataire judiciaire of a debtor in insolvency proceedings.
//
// The renderers take plain data and do no I/O: the caller gathers the
// figures (the interest statements come from legalfr.Compute) and stores
// or sends the bytes. French is the default language of every letter and
// follows French typography (« guillemets », no-break spaces before : ; ! ?
// and inside amounts); English is available. The wording lives in this
// package's own catalogues, so that a letter's legal text changes only with
// this package and its tests.
//
// The fonts are DejaVu Sans, embedded from a Go module, because French
// amounts need the narrow no-break space U+202F that the core PDF fonts
// lack. Nothing is fetched at run time, and the output depends only on the
// input: the PDF's dates are the letter's date, not the clock.
package document
