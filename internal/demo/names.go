package demo

// Word lists for a believable French portfolio. City names and postal
// codes are public facts; every person and firm is invented from parts.

var firstNames = []string{
	"Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Louise", "Jade", "Alice",
	"Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Thomas", "Théo", "Paul",
	"Nathalie", "Isabelle", "Sylvie", "Catherine", "Valérie", "Philippe", "Michel", "Alain", "Patrick", "Éric",
}

var lastNames = []string{
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
	"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
	"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
	"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
}

var trades = []string{
	"Boulangerie", "Garage", "Plomberie", "Électricité", "Menuiserie", "Transports", "Imprimerie",
	"Pharmacie", "Cabinet", "Hôtel", "Restaurant", "Maçonnerie", "Couverture", "Paysages", "Informatique",
	"Conseil", "Architecture", "Traiteur", "Fleurs", "Optique", "Textiles", "Carrosserie", "Bâtiment",
}

var firmWords = []string{
	"du Centre", "des Alpes", "de l'Ouest", "Atlantique", "Provence", "du Val", "des Deux Rives",
	"Horizon", "Avenir", "Saint-Michel", "du Port", "des Lilas", "Azur", "Bretagne", "Occitanie",
}

var largeFirms = []string{
	"Groupe Vallée Distribution", "Hexagone Logistique", "Compagnie Générale d'Équipement", "Batiréseau",
	"Société Nouvelle des Travaux du Rhône", "Alliance Santé Services", "Métropole Facilities",
	"Fédération Hôtelière du Sud", "Industries Mécaniques de Lorraine", "Atlantique Agroalimentaire",
}

var legalForms = []string{"SARL", "SAS", "SASU", "EURL", "SA", "SNC", "SCI"}

var publicBodies = []string{
	"Mairie de %s", "Communauté de communes de %s", "Centre hospitalier de %s", "Lycée Jean-Moulin de %s",
	"Collège Victor-Hugo de %s", "Syndicat des eaux de %s", "Office de tourisme de %s",
}

var streets = []string{
	"rue des Lilas", "avenue de la République", "rue Victor-Hugo", "boulevard Gambetta", "rue de la Gare",
	"place de l'Église", "rue du Moulin", "chemin des Vignes", "rue Pasteur", "allée des Tilleuls",
	"rue Jean-Jaurès", "avenue du Général-de-Gaulle", "rue de la Paix", "quai des Chartrons", "rue Nationale",
}

type city struct{ name, postal string }

var cities = []city{
	{"Paris", "75011"}, {"Lyon", "69003"}, {"Marseille", "13006"}, {"Toulouse", "31000"}, {"Nice", "06000"},
	{"Nantes", "44000"}, {"Strasbourg", "67000"}, {"Montpellier", "34000"}, {"Bordeaux", "33000"}, {"Lille", "59000"},
	{"Rennes", "35000"}, {"Reims", "51100"}, {"Toulon", "83000"}, {"Grenoble", "38000"}, {"Dijon", "21000"},
	{"Angers", "49000"}, {"Nîmes", "30000"}, {"Clermont-Ferrand", "63000"}, {"Le Mans", "72000"}, {"Aix-en-Provence", "13100"},
	{"Brest", "29200"}, {"Tours", "37000"}, {"Amiens", "80000"}, {"Limoges", "87000"}, {"Annecy", "74000"},
	{"Perpignan", "66000"}, {"Metz", "57000"}, {"Besançon", "25000"}, {"Orléans", "45000"}, {"Rouen", "76000"},
	{"Mulhouse", "68100"}, {"Caen", "14000"}, {"Nancy", "54000"}, {"Avignon", "84000"}, {"Poitiers", "86000"},
	{"La Rochelle", "17000"}, {"Pau", "64000"}, {"Bayonne", "64100"}, {"Valence", "26000"}, {"Chambéry", "73000"},
	{"Colmar", "68000"}, {"Quimper", "29000"}, {"Vannes", "56000"}, {"Troyes", "10000"}, {"Lorient", "56100"},
	{"Niort", "79000"}, {"Albi", "81000"}, {"Arles", "13200"}, {"Saint-Malo", "35400"}, {"Béziers", "34500"},
}

var tags = []string{"grand compte", "export", "sensible", "nouveau client", "BTP", "santé", "collectivité", "fidèle"}

var contactRoles = []string{"Comptabilité fournisseurs", "Direction administrative et financière", "Gérance", "Service achats"}
