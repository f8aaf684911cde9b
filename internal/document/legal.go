package document

// The second and third paragraphs of article L111-8 of the Code des
// procédures civiles d'exécution. R124-4 CPCE makes an agency collecting
// for a creditor quote them in its first letter to the debtor; leaving
// them out is a fifth-class contravention (R124-7). They are quoted in
// French whatever the letter's language: the French text is the law.
// The underscore in the names stands for the hyphen of the article number.
const (
	L111_8Paragraph2 = "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire."
	L111_8Paragraph3 = "Cependant, le créancier qui justifie du caractère manifestement abusif de la résistance du débiteur peut demander au juge de l'exécution de laisser tout ou partie des frais exposés par lui à la charge du débiteur de mauvaise foi."
)

// Unofficial English translations of the two paragraphs, printed after
// the French text in an English letter so that the debtor understands it.
const (
	l111_8Paragraph2EN = "The costs of collection undertaken without an enforceable title remain payable by the creditor, unless they relate to an act that the law requires the creditor to perform. Any stipulation to the contrary is deemed unwritten, unless a statute provides otherwise."
	l111_8Paragraph3EN = "However, a creditor who proves that the debtor's resistance is manifestly abusive may ask the enforcement judge to leave all or part of the costs incurred by the creditor payable by the debtor acting in bad faith."
)
