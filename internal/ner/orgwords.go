package ner

import "strings"

// orgWords are general English and French words that head or close the
// names of organisations (companies, parties, armed groups, institutions,
// media, teams). A capitalised run containing one is likely an ORG even
// when the name itself is unknown ("Dana Air", "Front national"). Matched
// on fold keys (lower case, no diacritics); general vocabulary only.
var orgWords = strings.Fields(`
agence agency air airlines airways alliance armee army assemblee assembly
association assurance assurances automotive bancorp bank banque board
brigade brigades bureau capital cartel centre center church club co
college comite commission committee company compagnie conseil consortium
corp corporation council court cour departement department eglise energie
energy enterprises entreprise fc federation fondation forces forum
foundation front fund gazette group groupe guard garde holding holdings
hopital hospital inc industries institut institute insurance international
investments journal league ligue limited ltd media ministere ministry
motors mouvement movement network news organisation organization pact
parti partei party pharma pharmaceuticals police post press radio railways
regiment sa sarl sas school senat senate services society societe
systems tech technologies telecom television times tribunal trust tv
union universite university
`)

// orgWordKeys holds the fold-key hashes of orgWords.
var orgWordKeys = func() map[uint64]bool {
	m := make(map[uint64]bool, len(orgWords))
	for _, w := range orgWords {
		m[keyHash(w)] = true
	}
	return m
}()

// connectorKeys are the fold-key hashes of the short words that join the
// capitalised words of one name (Rio de Janeiro, Université d' Uppsala,
// Bank of England, Ludwig van Beethoven); general vocabulary only.
var connectorKeys = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields("de d' du des la le l' of the van von der den di da del dos das y et and & sur upon") {
		m[keyHash(w)] = true
	}
	return m
}()
