package article

import (
	"strings"

	"golang.org/x/text/language"
)

// englishLabels are the ways CMS templates spell each kind's label in
// English.
var englishLabels = [...][]string{
	KindWhyItMatters:      {"Why it matters", "Why this matters", "Why does this matter"},
	KindWhatItMeansForYou: {"What it means for you", "What does it mean for you", "What this means for you"},
	KindBackground:        {"Background"},
	KindWhatHappensNext:   {"What's next", "What next", "What happens now", "What happens next"},
	KindCustom:            nil,
}

// localLabels are the headings of the four explainer kinds in other
// languages, by primary language subtag: the words package locale's
// shipped catalogue prints (a test there keeps the two in step), so an
// explainer exported with its rendered heading loses it again. Indexes
// are ExplainerKind-1.
var localLabels = map[string][4][]string{
	"fr": {{"Pourquoi c'est important"}, {"Ce que cela change pour vous"}, {"Contexte"}, {"Et maintenant ?", "Et maintenant\u00a0?"}},
	"de": {{"Warum das wichtig ist"}, {"Was das für Sie bedeutet"}, {"Hintergrund"}, {"Wie es weitergeht"}},
	"es": {{"Por qué es importante"}, {"Qué significa para usted"}, {"Contexto"}, {"Qué pasará ahora"}},
	"it": {{"Perché è importante"}, {"Cosa cambia per te"}, {"Il contesto"}, {"Cosa succede ora"}},
	"pt": {{"Por que isso importa"}, {"O que muda para você", "O que muda para si"}, {"Contexto"}, {"Próximos passos"}},
	"nl": {{"Waarom dit belangrijk is"}, {"Wat dit voor jou betekent"}, {"Achtergrond"}, {"Hoe nu verder"}},
	"pl": {{"Dlaczego to ważne"}, {"Co to oznacza dla ciebie"}, {"Tło"}, {"Co dalej"}},
	"sv": {{"Därför är det viktigt"}, {"Det här betyder det för dig"}, {"Bakgrund"}, {"Det här händer nu"}},
	"tr": {{"Bu neden önemli?"}, {"Sizin için ne anlama geliyor?"}, {"Arka plan"}, {"Bundan sonra ne olacak?"}},
	"ar": {{"لماذا يهمّ هذا", "لماذا يهم هذا"}, {"ماذا يعني هذا لك"}, {"خلفية"}, {"ماذا بعد"}},
	"he": {{"למה זה חשוב"}, {"מה זה אומר עבורכם"}, {"רקע"}, {"מה הלאה"}},
	"fa": {{"چرا مهم است"}, {"برای شما چه معنایی دارد"}, {"پیشینه"}, {"بعد چه می\u200cشود", "بعد چه میشود"}},
	"hi": {{"यह क्यों मायने रखता है"}, {"आपके लिए इसका क्या मतलब है"}, {"पृष्ठभूमि"}, {"आगे क्या होगा"}},
	"ja": {{"なぜ重要か"}, {"暮らしへの影響"}, {"背景"}, {"今後の見通し"}},
	"ko": {{"왜 중요한가"}, {"나에게 미치는 영향"}, {"배경"}, {"향후 전망"}},
	"zh": {{"为何重要", "為何重要"}, {"对你意味着什么", "對你的影響"}, {"背景"}, {"下一步", "後續發展"}},
	"uk": {{"Чому це важливо"}, {"Що це означає для вас"}, {"Контекст"}, {"Що далі"}},
	"ru": {{"Почему это важно"}, {"Что это значит для вас"}, {"Контекст"}, {"Что дальше"}},
}

// ExplainerLabels returns the headings Normalize recognises, and removes,
// at the start of an explainer body of kind k in an article in language
// lang (a BCP 47 tag): the English spellings CMS templates use, then the
// heading in lang's own language as package locale prints it ("Pourquoi
// c'est important" for "fr-CA"). A custom or unknown kind has none.
func ExplainerLabels(lang string, k ExplainerKind) []string {
	if k <= 0 || int(k) >= len(englishLabels) || k == KindCustom {
		return nil
	}
	labels := append([]string(nil), englishLabels[k]...)
	if lang == "" {
		return labels
	}
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil {
		return labels
	}
	base, _ := tag.Base()
	if local, ok := localLabels[base.String()]; ok && int(k)-1 < len(local) {
		labels = append(labels, local[k-1]...)
	}
	return labels
}
