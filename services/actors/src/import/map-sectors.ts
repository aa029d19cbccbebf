// The registry's sectors for the category labels of ESS maps (Carteco and other GoGoCarto maps label them freely):
// a label is folded (no accents, lower case) and matched on the words below; a label that matches none keeps no sector.

/** Lower case without accents, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Registry sector ← words a map's label may contain (folded). First matches win, several sectors per label allowed. */
const RULES: Array<[sector: string, words: RegExp]> = [
  ['alimentation', /\b(aliment\w*|epicerie\w*|restaura\w*|cuisine\w*|circuits? courts?)\b/],
  ['agriculture', /\b(agricult\w*|maraich\w*|paysan\w*|ferme\w*)\b/],
  ['insertion', /\b(insertion|emploi|iae|chantiers? d insertion)\b/],
  ['mobilité', /\b(mobilite\w*|transports?|velos?|covoiturage)\b/],
  ['santé', /\b(sante|soins?|medic\w*)\b/],
  ['petite enfance', /\b(petite enfance|creches?|enfance)\b/],
  ['autonomie', /\b(autonomie|handicap\w*|personnes? agees?|dependance)\b/],
  ['services à la personne', /\b(services? a la personne|aide a domicile)\b/],
  ['action sociale', /\b(action sociale|social\w*|solidarit\w*|hebergement)\b/],
  ['réemploi', /\b(reemploi|recycl\w*|ressourceries?|recycleries?|dechets?|reparation|economie circulaire)\b/],
  ['culture', /\b(cultur\w*|arts?|spectacles?|musique)\b/],
  ['éducation', /\b(education|educati\w*|formation\w*|enseignement)\b/],
  ['logement', /\b(logement\w*|habitat\w*)\b/],
  ['énergie', /\b(energie\w*|renouvelables?)\b/],
  ['environnement', /\b(environnement\w*|ecologi\w*|biodiversite|nature)\b/],
  ['finance solidaire', /\b(finances?|banques?|epargne|monnaies? locales?)\b/],
  ['numérique', /\b(numerique|informatique|tiers lieux? numerique)\b/],
  ['tourisme', /\b(tourisme|touristique)\b/],
  ['sport et loisirs', /\b(sports?|loisirs?)\b/],
  ['animation de réseau', /\b(reseaux?|federations?|tetes? de reseau)\b/],
];

/** The sectors of a label; "Finance solidaire" is finance, not social action: the social rule skips labels about money. */
export function sectorsOfLabel(label: string): string[] {
  const folded = fold(label);
  const sectors = RULES.filter(([, words]) => words.test(folded)).map(([sector]) => sector);
  return sectors.includes('finance solidaire') ? sectors.filter((s) => s !== 'action sociale') : sectors;
}
