/// Name material for the synthetic population: Finnish and Finland-Swedish names with the
/// characters that break careless code (ä, ö, å, é, apostrophes, hyphens, spaces).
enum FinnishNames {
    static let femaleFirst = [
        "Anna", "Aino", "Anna-Liisa", "Helmi", "Maria", "Sofia", "Eeva", "Liisa", "Päivi", "Sari",
        "Tiina", "Minna", "Satu", "Kaisa", "Marjatta", "Hannele", "Johanna", "Elina", "Ella", "Emma",
        "Venla", "Iida", "Aada", "Siiri", "Pihla", "Lyydia", "Ritva", "Irmeli", "Sirpa", "Tuulikki",
        "Marja-Leena", "Ann-Mari", "Hanna-Kaisa", "Säde", "Väinö-Liisa", "Essi", "Noora", "Jenni", "Riikka", "Öllö",
    ]
    static let maleFirst = [
        "Juhani", "Mikko", "Matti", "Antti", "Jukka", "Timo", "Pekka", "Heikki", "Kalle", "Ville",
        "Väinö", "Eino", "Onni", "Leevi", "Eetu", "Aatu", "Oskari", "Olavi", "Tapani", "Kari",
        "Jari", "Jyrki", "Pertti", "Seppo", "Ilkka", "Toivo", "Jussi-Pekka", "Kaj-Erik", "Esa-Matti", "Sakari",
        "Lauri", "Elias", "Veeti", "Joel", "Niilo", "Tuomas", "Äijö", "Yrjö", "Risto", "Aleksi",
    ]
    static let swedishFemaleFirst = [
        "Ann-Sofie", "Linnéa", "Ebba", "Saga", "Märta", "Ingrid", "Solveig", "Britt-Marie", "Åsa", "Maja",
    ]
    static let swedishMaleFirst = [
        "Björn", "Gunnar", "Johan", "Mats", "Fredrik", "Carl-Gustaf", "Håkan", "Göran", "Nils", "Ståle",
    ]
    static let otherFemaleFirst = ["Olga", "Zeynep", "Amina", "Siobhán", "Léa", "Наталья"]
    static let otherMaleFirst = ["Aleksandr", "Mehmet", "Abdi", "Seán", "José", "Дмитрий"]

    static let surnames = [
        "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
        "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
        "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
        "Savolainen", "Lahtinen", "Ahonen", "Kärkkäinen", "Pääkkönen", "Öhman", "Ylä-Jääski", "Väätäinen",
        "Hyvönen", "Räsänen", "Kääriäinen", "Östring", "Äikäs",
    ]
    static let swedishSurnames = [
        "Lindqvist", "Sjöberg", "Åberg", "Holmström", "Nyström", "Lindholm", "Blomqvist", "Gräsbeck", "af Hällström", "Öster",
    ]
    static let otherSurnames = ["O'Brien", "D'Angelo", "Ivanova", "Yılmaz", "Mohamed", "Nguyễn", "García Márquez", "Петров"]
}
