/* l10n.c - labels and date forms in Chinese, Japanese, Korean, English, French, German, Spanish, Italian, Portuguese, Russian. */
#include "text/l10n.h"
#include "base/date.h"
#include "base/langtag.h"

#include <string.h>

enum lang_class { LC_EN, LC_HANS, LC_HANT, LC_JA, LC_KO, LC_FR, LC_DE, LC_ES, LC_IT, LC_PT, LC_RU, LC_N_ };

static const char *const labels[L_COUNT_][LC_N_] = {
	[L_SOURCE] = { "Source", "来源", "來源", "出典", "출처",
		"Source", "Quelle", "Fuente", "Fonte", "Fonte", "Источник" },
	[L_AUTHOR] = { "By", "作者", "作者", "著者", "저자",
		"Par", "Von", "Por", "Di", "Por", "Автор" },
	[L_TAGS] = { "Tags", "标签", "標籤", "タグ", "태그",
		"Mots-clés", "Schlagwörter", "Etiquetas", "Tag", "Etiquetas", "Теги" },
	[L_CONTENTS] = { "Contents", "目录", "目錄", "目次", "목차",
		"Table des matières", "Inhalt", "Índice", "Indice", "Índice", "Содержание" },
	[L_LANDMARKS] = { "Landmarks", "导览", "導覽", "ランドマーク", "랜드마크",
		"Repères", "Orientierungspunkte", "Puntos de referencia", "Punti di riferimento",
		"Pontos de referência", "Ориентиры" },
	[L_COVER] = { "Cover", "封面", "封面", "表紙", "표지",
		"Couverture", "Umschlag", "Cubierta", "Copertina", "Capa", "Обложка" },
	[L_TITLE_PAGE] = { "Title page", "书名页", "書名頁", "扉", "속표지",
		"Page de titre", "Titelseite", "Portada", "Frontespizio", "Folha de rosto", "Титульный лист" },
	[L_START] = { "Start of the articles", "正文", "正文", "本文", "본문",
		"Début des articles", "Beginn der Artikel", "Inicio de los artículos",
		"Inizio degli articoli", "Início dos artigos", "Начало статей" },
	[L_NOTES] = { "Notes", "注释", "註釋", "注", "각주",
		"Notes", "Anmerkungen", "Notas", "Note", "Notas", "Примечания" },
	[L_IMAGE_MISSING] = { "Image not included", "图片未收录", "圖片未收錄", "画像未収録", "이미지 없음",
		"Image non incluse", "Bild nicht enthalten", "Imagen no incluida", "Immagine non inclusa",
		"Imagem não incluída", "Изображение не включено" },
	[L_IMAGE_UNSUPPORTED] = { "image format cannot be printed", "图片格式无法排印", "圖片格式無法排印",
				  "印刷できない画像形式", "인쇄할 수 없는 이미지 형식",
		"format d’image non imprimable", "Bildformat nicht druckbar",
		"formato de imagen no imprimible", "formato di immagine non stampabile",
		"formato de imagem não imprimível", "формат изображения не печатается" },
	[L_EMBED] = { "Embedded content", "嵌入内容", "嵌入內容", "埋め込みコンテンツ", "삽입 콘텐츠",
		"Contenu intégré", "Eingebetteter Inhalt", "Contenido incrustado", "Contenuto incorporato",
		"Conteúdo incorporado", "Встроенное содержимое" },
	[L_VIDEO] = { "Video", "视频", "影片", "動画", "동영상",
		"Vidéo", "Video", "Vídeo", "Video", "Vídeo", "Видео" },
	[L_AUDIO] = { "Audio", "音频", "音訊", "音声", "오디오",
		"Audio", "Audio", "Audio", "Audio", "Áudio", "Аудио" },
	[L_POST] = { "Post", "帖子", "貼文", "投稿", "게시물",
		"Publication", "Beitrag", "Publicación", "Post", "Publicação", "Публикация" },
	[L_CODE_SNIPPET] = { "Code snippet", "代码片段", "程式碼片段", "コードスニペット", "코드 조각",
		"Extrait de code", "Codeausschnitt", "Fragmento de código", "Frammento di codice",
		"Trecho de código", "Фрагмент кода" },
	[L_DETAILS] = { "Details", "详情", "詳情", "詳細", "자세히", "Détails", "Details", "Detalles", "Dettagli",
		"Detalhes", "Подробнее" },
	[L_FONT_LICENCE] = { "Font licence", "字体许可", "字型授權", "フォントのライセンス", "글꼴 라이선스",
		"Licence des polices", "Schriftlizenz", "Licencia de las fuentes", "Licenza dei caratteri",
		"Licença das fontes", "Лицензия шрифтов" },
	[L_FONTS_NOTE] = {
		"This book carries subsets of the fonts below, cut by folio with HarfBuzz to the characters the "
		"book uses. They are distributed under the SIL Open Font License, Version 1.1, given in full after "
		"the list, and remain under it.",
		"本书附带下列字体的子集，由 folio 用 HarfBuzz 按书中用到的字符裁切而成。这些字体依 SIL 开放字体许可"
		"协议（SIL Open Font License）1.1 版发布，子集仍受其约束；协议全文附于列表之后。",
		"本書附帶下列字型的子集，由 folio 以 HarfBuzz 依書中用到的字元裁切而成。這些字型依 SIL 開放字型授權"
		"協議（SIL Open Font License）1.1 版發布，子集仍受其約束；協議全文附於列表之後。",
		"この本には下記のフォントのサブセットが含まれています。folio が HarfBuzz で、本に使われている文字だけを"
		"切り出したものです。これらのフォントは SIL Open Font License 1.1 版のもとで配布されており、サブセットも"
		"引き続きその条件に従います。ライセンスの全文は一覧の後にあります。",
		"이 책에는 아래 글꼴의 부분 집합이 들어 있습니다. folio가 HarfBuzz로 책에 쓰인 글자만 잘라 낸 것입니다. "
		"이 글꼴들은 SIL Open Font License 1.1판에 따라 배포되며, 부분 집합도 그 조건을 따릅니다. 라이선스 전문은 "
		"목록 뒤에 있습니다.",
		"Ce livre contient des sous-ensembles des polices ci-dessous, réduits par folio avec HarfBuzz aux "
		"caractères que le livre emploie. Elles sont distribuées sous la SIL Open Font License, version 1.1, "
		"reproduite en entier après la liste, et y restent soumises.",
		"Dieses Buch enthält Teilmengen der unten genannten Schriften, von folio mit HarfBuzz auf die im Buch "
		"verwendeten Zeichen zugeschnitten. Sie werden unter der SIL Open Font License, Version 1.1, "
		"verbreitet, die nach der Liste vollständig wiedergegeben ist, und bleiben ihr unterstellt.",
		"Este libro contiene subconjuntos de las fuentes siguientes, recortados por folio con HarfBuzz a los "
		"caracteres que usa el libro. Se distribuyen bajo la SIL Open Font License, versión 1.1, reproducida "
		"íntegramente tras la lista, y siguen sujetos a ella.",
		"Questo libro contiene sottoinsiemi dei caratteri elencati sotto, ridotti da folio con HarfBuzz ai "
		"caratteri che il libro usa. Sono distribuiti con la SIL Open Font License, versione 1.1, riportata "
		"per intero dopo l’elenco, e restano soggetti a essa.",
		"Este livro contém subconjuntos das fontes abaixo, recortados pelo folio com o HarfBuzz aos caracteres "
		"que o livro usa. São distribuídos sob a SIL Open Font License, versão 1.1, reproduzida na íntegra "
		"após a lista, e continuam sujeitos a ela.",
		"Эта книга содержит подмножества перечисленных ниже шрифтов, вырезанные folio с помощью HarfBuzz по "
		"знакам, которые встречаются в книге. Шрифты распространяются на условиях SIL Open Font License "
		"версии 1.1, полный текст которой приведён после списка, и подмножества остаются под её действием." },
	[L_LICENCE] = { "Licence", "许可", "授權", "ライセンス", "라이선스",
		"Licence", "Lizenz", "Licencia", "Licenza", "Licença", "Лицензия" },
	[L_A11Y_SUMMARY] = {
		"Reflowable text with a table of contents, headings for navigation and a logical reading order. "
		"Images have their authors' text alternatives where given; images that could not be included "
		"are described by a visible note with their address.",
		"可重排的文字版本，附目录、标题导航与合乎逻辑的阅读顺序。图片带有作者提供的替代文字；"
		"未能收录的图片以可见的文字说明及原地址代替。",
		"可重排的文字版本，附目錄、標題導覽與合乎邏輯的閱讀順序。圖片帶有作者提供的替代文字；"
		"未能收錄的圖片以可見的文字說明及原地址代替。",
		"リフロー型のテキストで、目次、見出しによるナビゲーション、論理的な読み順を備えています。"
		"画像には作者による代替テキストがあり、収録できなかった画像は文字による説明と元のアドレスで示します。",
		"목차, 제목 탐색, 논리적인 읽기 순서를 갖춘 리플로우 텍스트입니다. 이미지에는 작성자가 제공한 대체 텍스트가 있으며, "
		"포함하지 못한 이미지는 설명과 원래 주소로 표시됩니다.",
		"Texte recomposable avec une table des matières, des titres pour la navigation et un ordre de lecture "
		"logique. Les images ont les textes de remplacement de leurs auteurs lorsqu’ils existent ; les images "
		"qui n’ont pu être incluses sont décrites par une note visible avec leur adresse.",
		"Umbrechbarer Text mit Inhaltsverzeichnis, Überschriften zur Navigation und einer logischen "
		"Lesereihenfolge. Bilder haben die Alternativtexte ihrer Autoren, wo diese vorhanden sind; Bilder, die "
		"nicht aufgenommen werden konnten, werden durch einen sichtbaren Hinweis mit ihrer Adresse beschrieben.",
		"Texto adaptable con índice, encabezados para la navegación y un orden de lectura lógico. Las imágenes "
		"tienen los textos alternativos de sus autores cuando existen; las imágenes que no pudieron incluirse "
		"se describen con una nota visible con su dirección.",
		"Testo adattabile con indice, titoli per la navigazione e un ordine di lettura logico. Le immagini "
		"hanno i testi alternativi dei loro autori, quando presenti; le immagini che non è stato possibile "
		"includere sono descritte da una nota visibile con il loro indirizzo.",
		"Texto refluível com índice, títulos para navegação e uma ordem de leitura lógica. As imagens têm os "
		"textos alternativos dos seus autores quando existem; as imagens que não puderam ser incluídas são "
		"descritas por uma nota visível com o seu endereço.",
		"Перекомпонуемый текст с оглавлением, заголовками для навигации и логическим порядком чтения. "
		"У изображений есть альтернативные тексты их авторов, если они были указаны; изображения, которые "
		"не удалось включить, описаны видимым примечанием с их адресом.",
	},
};

static enum lang_class classify(const char *lang)
{
	static const enum lang_class by_writing[] = { [LANG_OTHER] = LC_EN, [LANG_HANS] = LC_HANS,
		[LANG_HANT] = LC_HANT, [LANG_HK] = LC_HANT, [LANG_JA] = LC_JA, [LANG_KO] = LC_KO };
	static const struct {
		const char *language;
		enum lang_class c;
	} european[] = { { "fr", LC_FR }, { "de", LC_DE }, { "es", LC_ES },
			 { "it", LC_IT }, { "pt", LC_PT }, { "ru", LC_RU } };
	enum lang_writing w = langtag_writing(lang);
	enum lang_class c = by_writing[w];

	if (w == LANG_OTHER && lang) {
		char *language = langtag_family(lang);

		for (size_t i = 0; i < G_N_ELEMENTS(european); i++)
			if (!strcmp(language, european[i].language))
				c = european[i].c;
		g_free(language);
	}
	return c;
}

const char *l10n_label(const char *lang, enum l10n_label which)
{
	return labels[which][classify(lang)];
}

/* A note's title by its kind: the kind, then its aliases, each between '|'. */
struct titled {
	const char *kinds;
	const char *title[LC_N_];
};

/* The title in lang of the entry of table (n entries) that names kind, or NULL. */
static const char *title_of(const struct titled *table, size_t n, const char *lang, const char *kind)
{
	char *key;
	const char *found = NULL;

	if (!kind || !*kind)
		return NULL;
	key = g_strdup_printf("|%s|", kind);
	for (char *p = key; *p; p++)
		*p = g_ascii_tolower(*p);
	for (size_t i = 0; i < n && !found; i++)
		if (strstr(table[i].kinds, key))
			found = table[i].title[classify(lang)];
	g_free(key);
	return found;
}

const char *l10n_callout(const char *lang, const char *kind)
{
	/* The kinds of LoveIt's and FixIt's admonition (and their aliases), titled as their i18n files title them. */
	static const struct titled callouts[] = {
		{ "|note|", { "Note", "注意", "注意", "注記", "참고",
			      "Remarque", "Hinweis", "Nota", "Nota", "Nota", "Примечание" } },
		{ "|abstract|summary|tldr|", { "Abstract", "摘要", "摘要", "概要", "요약",
					       "Résumé", "Zusammenfassung", "Resumen", "Riassunto", "Resumo", "Аннотация" } },
		{ "|info|todo|", { "Info", "信息", "資訊", "情報", "정보",
				   "Info", "Info", "Información", "Info", "Info", "Информация" } },
		{ "|tip|hint|important|", { "Tip", "技巧", "技巧", "ヒント", "팁",
					    "Astuce", "Tipp", "Consejo", "Suggerimento", "Dica", "Совет" } },
		{ "|success|check|done|", { "Success", "成功", "成功", "成功", "성공",
					    "Succès", "Erfolg", "Éxito", "Successo", "Sucesso", "Успех" } },
		{ "|question|help|faq|", { "Question", "问题", "問題", "質問", "질문",
					   "Question", "Frage", "Pregunta", "Domanda", "Pergunta", "Вопрос" } },
		{ "|warning|caution|attention|", { "Warning", "警告", "警告", "警告", "경고",
						   "Avertissement", "Warnung", "Advertencia", "Avviso", "Aviso",
						   "Предупреждение" } },
		{ "|failure|fail|missing|", { "Failure", "失败", "失敗", "失敗", "실패",
					      "Échec", "Fehlschlag", "Fallo", "Fallimento", "Falha", "Неудача" } },
		{ "|danger|error|", { "Danger", "危险", "危險", "危険", "위험",
				      "Danger", "Gefahr", "Peligro", "Pericolo", "Perigo", "Опасность" } },
		{ "|bug|", { "Bug", "Bug", "Bug", "バグ", "버그", "Bogue", "Fehler", "Error", "Bug", "Bug", "Ошибка" } },
		{ "|example|", { "Example", "示例", "範例", "例", "예시",
				 "Exemple", "Beispiel", "Ejemplo", "Esempio", "Exemplo", "Пример" } },
		{ "|quote|cite|", { "Quote", "引用", "引用", "引用", "인용",
				    "Citation", "Zitat", "Cita", "Citazione", "Citação", "Цитата" } },
	};

	return title_of(callouts, G_N_ELEMENTS(callouts), lang, kind);
}

const char *l10n_alert(const char *lang, const char *type)
{
	/* GitHub's five alerts, as GitHub names them where a theme's note of that kind is titled
	   otherwise (NOTE and WARNING are titled as the notes are: l10n_callout). */
	static const struct titled alerts[] = {
		{ "|tip|", { "Tip", "提示", "提示", "ヒント", "팁", "Conseil", "Tipp", "Consejo", "Suggerimento", "Dica", "Совет" } },
		{ "|important|", { "Important", "重要", "重要", "重要", "중요",
				   "Important", "Wichtig", "Importante", "Importante", "Importante", "Важно" } },
		{ "|caution|", { "Caution", "小心", "小心", "注意", "주의",
				 "Attention", "Vorsicht", "Precaución", "Attenzione", "Cuidado", "Осторожно" } },
	};
	const char *found = title_of(alerts, G_N_ELEMENTS(alerts), lang, type);

	return found ? found : l10n_callout(lang, type);
}

/* Written in Han characters and kana (full-width colons, 年月日 dates)? */
static bool han(enum lang_class c)
{
	return c == LC_HANS || c == LC_HANT || c == LC_JA;
}

void l10n_lead(GString *out, const char *lang, enum l10n_label which)
{
	enum lang_class c = classify(lang);

	g_string_append(out, labels[which][c]);
	if (han(c))
		g_string_append(out, "：");
	else if (which == L_AUTHOR && c != LC_KO && c != LC_RU)
		g_string_append(out, " ");	/* "By", "Par", "Von": a word that leads into the name */
	else if (c == LC_FR)
		g_string_append(out, "\u00A0: ");	/* French sets a no-break space before a colon */
	else
		g_string_append(out, ": ");
}

void l10n_date(GString *out, const struct folio_date *d, const char *lang, bool with_time)
{
	static const char *const months[][12] = {
		[LC_EN] = { "January", "February", "March", "April", "May", "June", "July", "August", "September",
			    "October", "November", "December" },
		[LC_FR] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
			    "octobre", "novembre", "décembre" },
		[LC_DE] = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
			    "Oktober", "November", "Dezember" },
		[LC_ES] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
			    "octubre", "noviembre", "diciembre" },
		[LC_IT] = { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
			    "settembre", "ottobre", "novembre", "dicembre" },
		[LC_PT] = { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
			    "outubro", "novembro", "dezembro" },
		/* (the genitive: "6 декабря") */
		[LC_RU] = { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
			    "октября", "ноября", "декабря" },
	};
	enum lang_class c = classify(lang);
	GDateTime *utc, *local;
	GTimeZone *tz;
	int y, m, day;

	if (!d->valid)
		return;
	utc = g_date_time_new_from_unix_utc(d->utc);
	tz = g_time_zone_new_offset(d->offset);
	local = date_to_zone(utc, tz);
	y = g_date_time_get_year(local);
	m = g_date_time_get_month(local);
	day = g_date_time_get_day_of_month(local);
	switch (c) {
	case LC_HANS:
	case LC_HANT:
	case LC_JA:
		g_string_append_printf(out, "%d年%d月%d日", y, m, day);
		break;
	case LC_KO:
		g_string_append_printf(out, "%d년 %d월 %d일", y, m, day);
		break;
	case LC_FR:	/* "1er mars 2025" */
		g_string_append_printf(out, "%d%s %s %d", day, day == 1 ? "er" : "", months[c][m - 1], y);
		break;
	case LC_DE:
		g_string_append_printf(out, "%d. %s %d", day, months[c][m - 1], y);
		break;
	case LC_ES:
	case LC_PT:
		g_string_append_printf(out, "%d de %s de %d", day, months[c][m - 1], y);
		break;
	case LC_RU:
		g_string_append_printf(out, "%d %s %d г.", day, months[c][m - 1], y);
		break;
	default:
		g_string_append_printf(out, "%d %s %d", day, months[c][m - 1], y);
		break;
	}
	if (with_time && d->has_time)
		g_string_append_printf(out, "%s%02d:%02d", han(c) || c == LC_KO ? " " : ", ",
				       g_date_time_get_hour(local), g_date_time_get_minute(local));
	g_date_time_unref(local);
	g_date_time_unref(utc);
	g_time_zone_unref(tz);
}

gssize l10n_date_range(GString *out, const struct folio_date *first, const struct folio_date *last,
		       const char *lang)
{
	GString *end = g_string_new(NULL);
	gsize start = out->len;
	gssize at = -1;
	/* Chinese marks a span of time with an em dash, unspaced (GB/T 15834: 2011年2月3日—10日) */
	enum lang_class c = classify(lang);
	bool han_dash = c == LC_HANS || c == LC_HANT;

	l10n_date(out, first, lang, false);
	l10n_date(end, last, lang, false);
	if (end->len && strcmp(out->str + start, end->str)) {
		if (out->len > start) {
			g_string_append(out, han_dash ? "\u2014" : " \u2013");
			at = (gssize)out->len;
			if (!han_dash)
				g_string_append_c(out, ' ');
		}
		g_string_append(out, end->str);
	}
	g_string_free(end, TRUE);
	return at;
}

/* Russian's noun for n: one (1, 21, 101 ...), few (2-4, 22-24 ...) or many (5-20, 25 ...). */
static const char *russian_plural(unsigned n, const char *one, const char *few, const char *many)
{
	if (n % 10 == 1 && n % 100 != 11)
		return one;
	return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;
}

void l10n_font_subset(GString *out, const char *lang, const char *href, unsigned chars, const char *source,
		      int face)
{
	/* The languages written with spaces: one sentence, its words in each (Russian's nouns below). */
	static const struct {
		const char *colon, *one, *many, *from, *face;
	} words[LC_N_] = {
		[LC_EN] = { ": ", "character", "characters", "from", "face" },
		[LC_FR] = { "\u00A0: ", "caractère", "caractères", "tirés de", "police" },
		[LC_DE] = { ": ", "Zeichen", "Zeichen", "aus", "Schrift" },
		[LC_ES] = { ": ", "carácter", "caracteres", "de", "fuente" },
		[LC_IT] = { ": ", "carattere", "caratteri", "da", "font" },
		[LC_PT] = { ": ", "caractere", "caracteres", "de", "fonte" },
		[LC_RU] = { ": ", NULL, NULL, "из", "шрифт" },
	};
	enum lang_class c = classify(lang);

	switch (c) {
	case LC_HANS:
		g_string_append_printf(out, "（%s：%u 个字符，取自 %s 第 %d 号字体）。", href, chars, source, face);
		break;
	case LC_HANT:
		g_string_append_printf(out, "（%s：%u 個字元，取自 %s 第 %d 號字型）。", href, chars, source, face);
		break;
	case LC_JA:
		g_string_append_printf(out, "（%s：%u 文字、%s の %d 番のフォントから）。", href, chars, source, face);
		break;
	case LC_KO:
		g_string_append_printf(out, " (%s: %u자, %s의 %d번 글꼴에서).", href, chars, source, face);
		break;
	default:
		g_string_append_printf(out, " (%s%s%u %s, %s %s, %s %d).", href, words[c].colon, chars,
				       c == LC_RU ? russian_plural(chars, "символ", "символа", "символов")
				       : chars == 1 ? words[c].one : words[c].many,
				       words[c].from, source, words[c].face, face);
		break;
	}
}

void l10n_article_count(GString *out, const char *lang, unsigned n)
{
	switch (classify(lang)) {
	case LC_EN:
	case LC_FR:
		g_string_append_printf(out, n == 1 ? "%u article" : "%u articles", n);
		break;
	case LC_DE:
		g_string_append_printf(out, "%u Artikel", n);
		break;
	case LC_ES:
		g_string_append_printf(out, n == 1 ? "%u artículo" : "%u artículos", n);
		break;
	case LC_IT:
		g_string_append_printf(out, n == 1 ? "%u articolo" : "%u articoli", n);
		break;
	case LC_PT:
		g_string_append_printf(out, n == 1 ? "%u artigo" : "%u artigos", n);
		break;
	case LC_RU:
		g_string_append_printf(out, "%u %s", n, russian_plural(n, "статья", "статьи", "статей"));
		break;
	case LC_JA:
		g_string_append_printf(out, "%u 本の記事", n);
		break;
	case LC_KO:
		g_string_append_printf(out, "기사 %u편", n);
		break;
	default:
		g_string_append_printf(out, "共 %u 篇文章", n);
		break;
	}
}
