/*
 * The trainer report's own strings, in the five languages of the app's screens.
 * sync/ keeps its own table (it may not use screens/): a report is written by the
 * command line, with no screen in sight.
 *
 * Invariants: every string has all five languages, with the same printf conversions
 * in the same order (tests/sync checks both); numbers stay in ASCII digits, which
 * every language here reads. A string that is a format goes through report_html_say;
 * one that is text (a "27 %" in it) never does: it goes through report_html_text.
 */
#include "sync/report_internal.h"

#include <assert.h>
#include <string.h>

enum { LANG_COUNT = 5 };

static const char *const LANG_TAGS[LANG_COUNT] = {"en", "fr", "zh-Hans", "ar", "sw"};

/* en, fr, zh-Hans, ar, sw */
static const char *const STRINGS[RS_COUNT][LANG_COUNT] = {
    [RS_TITLE] = {"ailit progress report", "Rapport de progression ailit", "ailit 学习进度报告",
                  "تقرير تقدّم ailit", "Ripoti ya maendeleo ya ailit"},
    [RS_TOTALS] = {"Statements: %lld. Learners: %lld. Devices: %lld. Conflicting copies set "
                   "aside: %lld.",
                   "Déclarations : %lld. Élèves : %lld. Appareils : %lld. Copies en conflit mises "
                   "de côté : %lld.",
                   "记录：%lld。学员：%lld。设备：%lld。搁置的冲突副本：%lld。",
                   "السجلات: %lld. المتعلّمون: %lld. الأجهزة: %lld. النسخ المتعارضة المنحّاة: "
                   "%lld.",
                   "Taarifa: %lld. Wanafunzi: %lld. Vifaa: %lld. Nakala zinazopingana "
                   "zilizowekwa kando: %lld."},
    [RS_MADE] = {"Made", "Fait le", "生成于", "أُعدّ في", "Imetengenezwa"},
    [RS_GROUP] = {"whole group", "tout le groupe", "全组", "المجموعة كلها", "kikundi kizima"},
    [RS_HOW_TO_READ] = {"How to read the numbers", "Comment lire les chiffres", "如何读懂这些数字",
                        "كيف تُقرأ الأرقام", "Jinsi ya kusoma namba"},
    [RS_HOW_P] = {"p (difficulty): the share of learners whose first answer to the question was "
                  "right. 0.90 is an easy question, 0.20 a hard one.",
                  "p (difficulté) : la part des élèves dont la première réponse à la question "
                  "était juste. 0,90 : une question facile ; 0,20 : une question difficile.",
                  "p（难度）：第一次作答就答对的学员所占的比例。0.90 表示题目容易，0.20 "
                  "表示题目难。",
                  "p (الصعوبة): نسبة المتعلّمين الذين كانت إجابتهم الأولى عن السؤال صحيحة. "
                  "0.90 سؤال سهل، و0.20 سؤال صعب.",
                  "p (ugumu): sehemu ya wanafunzi ambao jibu lao la kwanza kwa swali lilikuwa "
                  "sahihi. 0.90 ni swali rahisi, 0.20 ni swali gumu."},
    [RS_HOW_D] = {"D (discrimination): p among the strongest 27 % of learners (by their score in "
                  "that quiz) minus p among the weakest 27 %. Above 0.3 the question tells strong "
                  "from weak learners well; near 0 it does not.",
                  "D (discrimination) : p parmi les 27 % d'élèves les plus forts (selon leur score "
                  "au quiz) moins p parmi les 27 % les plus faibles. Au-dessus de 0,3, la question "
                  "distingue bien les élèves forts des faibles ; près de 0, elle ne les distingue "
                  "pas.",
                  "D（区分度）：测验得分最高的 27% 学员的 p 减去得分最低的 27% 学员的 p。"
                  "高于 0.3 说明题目能很好地区分强弱学员；接近 0 则不能。",
                  "D (التمييز): قيمة p لدى أقوى 27 % من المتعلّمين (حسب درجتهم في الاختبار) ناقص "
                  "p لدى أضعف 27 %. فوق 0.3 يميّز السؤال جيدًا بين القوي والضعيف؛ وقرب 0 لا "
                  "يميّز.",
                  "D (utofautishaji): p kwa asilimia 27 ya wanafunzi walio bora zaidi (kwa alama "
                  "zao katika jaribio hilo) toa p kwa asilimia 27 walio dhaifu zaidi. Zaidi ya "
                  "0.3 swali linatofautisha vizuri wenye nguvu na dhaifu; karibu na 0 "
                  "halitofautishi."},
    [RS_HOW_R] = {"r (point-biserial): how closely being right on this question goes with doing "
                  "well on the rest of the quiz, from -1 to 1. Like D, higher is better.",
                  "r (point-bisériale) : à quel point réussir cette question va de pair avec "
                  "réussir le reste du quiz, de -1 à 1. Comme pour D, plus c'est haut, mieux "
                  "c'est.",
                  "r（点二列相关）：答对此题与测验其余部分得分高低的相关程度，范围 -1 到 1。"
                  "与 D 一样，越高越好。",
                  "r (الارتباط الثنائي النقطي): مدى اقتران الإجابة الصحيحة عن هذا السؤال بالأداء "
                  "الجيد في بقية الاختبار، من -1 إلى 1. كما في D، الأعلى أفضل.",
                  "r (uhusiano wa point-biserial): jinsi kupata swali hili sawa kunavyoendana na "
                  "kufanya vizuri katika sehemu nyingine ya jaribio, kutoka -1 hadi 1. Kama D, "
                  "juu zaidi ni bora."},
    [RS_HOW_FLAG] = {"When at least 10 learners answered a question and both its D and r are "
                     "negative, strong learners missed it more often than weak ones: check its "
                     "answer key. With fewer answers the numbers are too uncertain to flag "
                     "anything.",
                     "Quand au moins 10 élèves ont répondu à une question et que D et r sont tous "
                     "deux négatifs, les élèves forts l'ont ratée plus souvent que les faibles : "
                     "vérifiez son corrigé. Avec moins de réponses, les chiffres sont trop "
                     "incertains pour signaler quoi que ce soit.",
                     "当至少 10 名学员回答了某题，且其 D 和 r 都为负数时，说明强的学员比弱的学员"
                     "更常答错：请检查该题的答案。回答人数更少时，数字太不确定，不作标记。",
                     "إذا أجاب 10 متعلّمين على الأقل عن سؤال وكانت قيمتا D وr كلتاهما سالبتين، فقد "
                     "أخطأ فيه الأقوياء أكثر من الضعفاء: راجع مفتاح إجابته. ومع إجابات أقل تكون "
                     "الأرقام غير مؤكدة فلا يُعلَّم شيء.",
                     "Wanafunzi angalau 10 wanapojibu swali na D na r zake zote mbili ni hasi, "
                     "wanafunzi wenye nguvu walilikosa mara nyingi kuliko dhaifu: kagua jibu lake "
                     "sahihi. Kwa majibu machache, namba hazina uhakika wa kutosha kuonyesha "
                     "chochote."},
    [RS_HOW_FIRST] = {"Scores: a learner's first attempt shows what they knew; their best shows "
                      "what they reached by trying again.",
                      "Scores : la première tentative montre ce que l'élève savait ; la meilleure, "
                      "ce qu'il a atteint en réessayant.",
                      "得分：第一次尝试显示学员原本掌握了什么；最好成绩显示再次尝试后达到了什么。",
                      "الدرجات: المحاولة الأولى تُظهر ما كان المتعلّم يعرفه؛ والأفضل تُظهر ما بلغه "
                      "بإعادة المحاولة.",
                      "Alama: jaribio la kwanza linaonyesha mwanafunzi alichojua; bora zaidi "
                      "linaonyesha alichofikia kwa kujaribu tena."},
    [RS_COMPLETION] = {"Completion per lesson", "Achèvement par leçon", "各课完成情况",
                       "الإتمام لكل درس", "Ukamilishaji kwa kila somo"},
    [RS_COMPLETION_NOTE] = {"Learners who completed the lesson, of those who started anything in "
                            "it.",
                            "Élèves ayant terminé la leçon, parmi ceux qui l'ont commencée.",
                            "完成本课的学员数／开始学习本课的学员数。",
                            "المتعلّمون الذين أتمّوا الدرس، من بين من بدأوا شيئًا فيه.",
                            "Wanafunzi waliomaliza somo, kati ya waliolianza."},
    [RS_NO_LESSONS] = {"No lessons yet.", "Aucune leçon pour l'instant.", "还没有课程记录。",
                       "لا دروس بعد.", "Bado hakuna masomo."},
    [RS_SCORES] = {"Score distribution", "Répartition des scores", "得分分布", "توزيع الدرجات",
                   "Mgawanyo wa alama"},
    [RS_SCORES_NOTE] = {"Each learner's best score in each quiz.",
                        "Le meilleur score de chaque élève à chaque quiz.",
                        "每名学员在每个测验中的最好成绩。", "أفضل درجة لكل متعلّم في كل اختبار.",
                        "Alama bora ya kila mwanafunzi katika kila jaribio."},
    [RS_NO_QUIZ] = {"No quiz finished yet.", "Aucun quiz terminé pour l'instant.",
                    "还没有完成的测验。", "لم يُنهَ أي اختبار بعد.",
                    "Bado hakuna jaribio lililomalizika."},
    [RS_QUIZZES] = {"Quizzes", "Quiz", "测验", "الاختبارات", "Majaribio"},
    [RS_QUIZZES_NOTE] =
        {"Per quiz: how many learners passed it (at least once), their average "
         "score at the first attempt and at their best, and how many attempts a "
         "learner made on average.",
         "Par quiz : combien d'élèves l'ont réussi (au moins une fois), leur score "
         "moyen à la première tentative et au meilleur, et combien de tentatives "
         "un élève a faites en moyenne.",
         "每个测验：有多少学员通过（至少一次），第一次尝试和最好成绩的平均分，"
         "以及每名学员平均尝试了几次。",
         "لكل اختبار: كم متعلّمًا نجح فيه (مرة على الأقل)، ومتوسط درجاتهم في "
         "المحاولة الأولى وفي أفضل محاولة، وكم محاولة قام بها المتعلّم في المتوسط.",
         "Kwa kila jaribio: wanafunzi wangapi walifaulu (angalau mara moja), "
         "wastani wa alama zao katika jaribio la kwanza na bora zaidi, na majaribio "
         "mangapi mwanafunzi alifanya kwa wastani."},
    [RS_COL_QUIZ] = {"quiz", "quiz", "测验", "الاختبار", "jaribio"},
    [RS_COL_LEARNERS] = {"learners", "élèves", "学员", "المتعلّمون", "wanafunzi"},
    [RS_COL_PASS_RATE] = {"pass rate", "taux de réussite", "通过率", "نسبة النجاح",
                          "kiwango cha kufaulu"},
    [RS_COL_PASSED] = {"passed", "réussi", "通过", "نجحوا", "walifaulu"},
    [RS_COL_FAILED] = {"not passed", "pas réussi", "未通过", "لم ينجحوا", "hawakufaulu"},
    [RS_COL_FIRST] = {"first attempt", "première tentative", "第一次尝试", "المحاولة الأولى",
                      "jaribio la kwanza"},
    [RS_COL_BEST] = {"best", "meilleur", "最好成绩", "الأفضل", "bora zaidi"},
    [RS_COL_ATTEMPTS] = {"attempts per learner", "tentatives par élève", "人均尝试次数",
                         "المحاولات لكل متعلّم", "majaribio kwa kila mwanafunzi"},
    [RS_COL_TRIES] = {"quiz attempts", "tentatives aux quiz", "测验尝试次数", "محاولات الاختبار",
                      "majaribio ya maswali"},
    [RS_GAIN] = {"Pre-test → post-test", "Test initial → test final", "前测 → 后测",
                 "الاختبار القبلي ← الاختبار البعدي", "Jaribio la awali → jaribio la mwisho"},
    [RS_GAIN_NOTE] = {"Each learner's first score on the pre-test (before the teaching) and on "
                      "the post-test (after it), and the gain between them.",
                      "Le premier score de chaque élève au test initial (avant l'enseignement) et "
                      "au test final (après), et le gain entre les deux.",
                      "每名学员在前测（教学前）和后测（教学后）的第一次得分，以及两者之间的提高。",
                      "الدرجة الأولى لكل متعلّم في الاختبار القبلي (قبل التعليم) وفي الاختبار "
                      "البعدي (بعده)، والتحسّن بينهما.",
                      "Alama ya kwanza ya kila mwanafunzi katika jaribio la awali (kabla ya "
                      "kufundishwa) na la mwisho (baada yake), na ongezeko kati yao."},
    [RS_GAIN_GROUP] = {"Whole group: %zu learners took both tests.",
                       "Tout le groupe : %zu élèves ont passé les deux tests.",
                       "全组：%zu 名学员参加了两次测试。",
                       "المجموعة كلها: %zu من المتعلّمين أجروا الاختبارين.",
                       "Kikundi kizima: wanafunzi %zu walifanya majaribio yote mawili."},
    [RS_COL_PRE] = {"pre-test", "test initial", "前测", "القبلي", "awali"},
    [RS_COL_POST] = {"post-test", "test final", "后测", "البعدي", "mwisho"},
    [RS_COL_GAIN] = {"gain", "gain", "提高", "التحسّن", "ongezeko"},
    [RS_COL_LEARNER] = {"learner", "élève", "学员", "المتعلّم", "mwanafunzi"},
    [RS_ITEMS] = {"Questions: difficulty and discrimination",
                  "Questions : difficulté et "
                  "discrimination",
                  "题目：难度与区分度", "الأسئلة: الصعوبة والتمييز",
                  "Maswali: ugumu na utofautishaji"},
    [RS_COL_QUESTION] = {"question", "question", "题目", "السؤال", "swali"},
    [RS_COL_ANSWERED] = {"answered", "réponses", "作答人数", "أجابوا", "walijibu"},
    [RS_COL_DIFFICULTY] = {"difficulty", "difficulté", "难度", "الصعوبة", "ugumu"},
    [RS_FEW_ANSWERS] =
        {"Questions with fewer than %d answers: %zu. With so few answers D and r "
         "say little, so none of them is flagged.",
         "Questions avec moins de %d réponses : %zu. Avec si peu de réponses, D "
         "et r disent peu de chose : aucune n'est signalée.",
         "作答少于 %d 人的题目：%zu 道。人数太少，D 和 r 说明不了什么，因此不作标记。",
         "أسئلة أجاب عنها أقل من %d: %zu. مع هذا العدد القليل لا تقول D وr الكثير، "
         "فلا يُعلَّم أيّ منها.",
         "Maswali yenye majibu chini ya %d: %zu. Kwa majibu machache hivyo D na r "
         "hazisemi mengi, kwa hiyo hakuna linaloonyeshwa."},
    [RS_FLAGGED] = {"Questions to check: %zu. Strong learners missed them more often than weak "
                    "ones.",
                    "Questions à vérifier : %zu. Les élèves forts les ont ratées plus souvent que "
                    "les faibles.",
                    "需要检查的题目：%zu 道。强的学员比弱的学员更常答错。",
                    "أسئلة يجب مراجعتها: %zu. أخطأ فيها الأقوياء أكثر من الضعفاء.",
                    "Maswali ya kukagua: %zu. Wanafunzi wenye nguvu waliyakosa mara nyingi kuliko "
                    "dhaifu."},
    [RS_CHECK_KEY] = {"check the answer key", "vérifiez le corrigé", "请检查答案",
                      "راجع مفتاح الإجابة", "kagua jibu sahihi"},
    [RS_NO_ANSWERS] = {"No answers yet.", "Aucune réponse pour l'instant.", "还没有作答记录。",
                       "لا إجابات بعد.", "Bado hakuna majibu."},
    [RS_MISCONCEPTIONS] = {"Misconceptions", "Idées fausses", "常见误解", "المفاهيم الخاطئة",
                           "Dhana potofu"},
    [RS_MISCONCEPTIONS_NOTE] = {"Wrong answers that show a known misconception: how often, and "
                                "by how many learners.",
                                "Réponses fausses qui montrent une idée fausse connue : combien de "
                                "fois, et chez combien d'élèves.",
                                "显示出已知误解的错误答案：出现次数，以及涉及多少学员。",
                                "إجابات خاطئة تكشف مفهومًا خاطئًا معروفًا: كم مرة، ولدى كم متعلّمًا.",
                                "Majibu yasiyo sahihi yanayoonyesha dhana potofu inayojulikana: "
                                "mara ngapi, na kwa wanafunzi wangapi."},
    [RS_COL_BELIEF] = {"belief", "idée fausse", "误解", "الاعتقاد", "dhana"},
    [RS_NONE_SEEN] = {"None seen.", "Aucune vue.", "未发现。", "لم يُرصد أي منها.",
                      "Hakuna iliyoonekana."},
    [RS_DEMOS] = {"Demos", "Démos", "演示", "العروض التفاعلية", "Maonyesho"},
    [RS_DEMOS_NOTE] = {"How many learners used each demo page (and how many times it was left "
                       "after use).",
                       "Combien d'élèves ont utilisé chaque page de démo (et combien de fois elle "
                       "a été quittée après usage).",
                       "每个演示页面有多少学员使用过（以及使用后离开的次数）。",
                       "كم متعلّمًا استخدم كل صفحة عرض (وكم مرة غُودرت بعد الاستخدام).",
                       "Wanafunzi wangapi walitumia kila ukurasa wa onyesho (na mara ngapi "
                       "uliachwa baada ya kutumiwa)."},
    [RS_COL_PAGE] = {"pack / lesson / page", "paquet / leçon / page", "课程包 / 课 / 页",
                     "الحزمة / الدرس / الصفحة", "kifurushi / somo / ukurasa"},
    [RS_COL_DEMO] = {"demo", "démo", "演示", "العرض", "onyesho"},
    [RS_COL_TITLE] = {"title", "titre", "标题", "العنوان", "kichwa"},
    [RS_COL_USES] = {"uses", "utilisations", "使用次数", "مرات الاستخدام", "matumizi"},
    [RS_NO_DEMO] = {"No demo used yet.", "Aucune démo utilisée pour l'instant.",
                    "还没有人使用演示。", "لم يُستخدم أي عرض بعد.",
                    "Bado hakuna onyesho lililotumiwa."},
    [RS_LEARNERS] = {"Learners", "Élèves", "学员", "المتعلّمون", "Wanafunzi"},
    [RS_LEARNERS_NOTE] = {"Each learner's lessons. Printed, each learner gets a page of their "
                          "own.",
                          "Les leçons de chaque élève. À l'impression, chaque élève a sa propre "
                          "page.",
                          "每名学员的课程。打印时每名学员单独一页。",
                          "دروس كل متعلّم. عند الطباعة يحصل كل متعلّم على صفحة خاصة به.",
                          "Masomo ya kila mwanafunzi. Ikichapishwa, kila mwanafunzi anapata "
                          "ukurasa wake."},
    [RS_COL_LESSON] = {"lesson", "leçon", "课", "الدرس", "somo"},
    [RS_COL_COMPLETED] = {"completed", "terminée", "已完成", "مكتمل", "limekamilika"},
    [RS_COL_BEST_SCORE] = {"best score", "meilleur score", "最好成绩", "أفضل درجة", "alama bora"},
    [RS_COL_ANSWERS] = {"answers (right)", "réponses (justes)", "作答（答对）",
                        "الإجابات (الصحيحة)", "majibu (sahihi)"},
    [RS_COL_LESSONS_DONE] = {"lessons completed", "leçons terminées", "已完成的课",
                             "الدروس المكتملة", "masomo yaliyokamilika"},
    [RS_COL_BELIEFS] = {"misconceptions shown (answers)", "idées fausses montrées (réponses)",
                        "表现出的误解（次数）", "المفاهيم الخاطئة الظاهرة (الإجابات)",
                        "dhana potofu zilizoonekana (majibu)"},
    [RS_YES] = {"yes", "oui", "是", "نعم", "ndiyo"},
    [RS_NO] = {"no", "non", "否", "لا", "hapana"},
    [RS_CAPPED] = {"Showing the first %zu of %zu rows; the CSV file %s has them all.",
                   "Seules les %zu premières lignes sur %zu sont affichées ; le fichier CSV %s "
                   "les a toutes.",
                   "仅显示前 %zu 行（共 %zu 行）；CSV 文件 %s 包含全部内容。",
                   "تُعرض أول %zu صفًا من %zu؛ ملف CSV ‏%s فيه كلها.",
                   "Inaonyesha safu %zu za kwanza kati ya %zu; faili la CSV %s lina zote."},
    [RS_LIMITED] = {"Only part of the data: this report is limited to",
                    "Une partie des données seulement : ce rapport est limité à",
                    "仅含部分数据：本报告只包括", "جزء من البيانات فقط: هذا التقرير مقصور على",
                    "Sehemu tu ya data: ripoti hii inahusu tu"},
    [RS_LIMIT_DEVICE] = {"laptop", "ordinateur", "设备", "الجهاز", "kompyuta"},
    [RS_LIMIT_DAYS] = {"days", "jours", "日期", "الأيام", "siku"},
    [RS_LIMIT_WORKSHOP] = {"workshop", "atelier", "培训班", "الورشة", "warsha"},
};

/* The beliefs behind the misconception tags that course authors use
 * (references/curriculum-notes.md). */
static const struct {
    const char *tag;
    const char *words[LANG_COUNT];
} BELIEFS[] = {
    {"ai-is-alive",
     {"AI thinks or feels like a person", "L'IA pense ou ressent comme une personne",
      "AI 像人一样思考或有感受", "الذكاء الاصطناعي يفكّر أو يشعر مثل الإنسان",
      "AI inafikiri au kuhisi kama mtu"}},
    {"ai-knows-already",
     {"AI comes with knowledge built in, not learned from data",
      "L'IA sait déjà tout, sans apprendre des données", "AI 天生就有知识，不是从数据中学来的",
      "الذكاء الاصطناعي يأتي بالمعرفة جاهزة، لا يتعلّمها من البيانات",
      "AI inakuja na maarifa tayari, haijifunzi kutoka kwa data"}},
    {"ai-is-always-right",
     {"AI is always correct, or neutral and objective",
      "L'IA a toujours raison, ou elle est neutre et objective", "AI 总是对的，或者是中立客观的",
      "الذكاء الاصطناعي دائمًا على صواب، أو محايد وموضوعي",
      "AI iko sahihi kila wakati, au haina upendeleo"}},
    {"ai-learns-from-you-now",
     {"Every chatbot learns from you as you talk to it",
      "Tout agent conversationnel apprend de vous pendant que vous lui parlez",
      "每个聊天机器人都会在你和它说话时向你学习", "كل روبوت محادثة يتعلّم منك وأنت تحدّثه",
      "Kila chatbot hujifunza kutoka kwako unapozungumza nayo"}},
    {"more-data-is-fair",
     {"More data automatically makes AI fair",
      "Plus de données rend automatiquement l'IA équitable", "数据越多，AI 自然就越公平",
      "مزيد من البيانات يجعل الذكاء الاصطناعي عادلًا تلقائيًا",
      "Data zaidi hufanya AI iwe ya haki yenyewe"}},
    {"robots-are-ai",
     {"Robots and AI are the same thing", "Les robots et l'IA sont la même chose",
      "机器人和 AI 是一回事", "الروبوتات والذكاء الاصطناعي شيء واحد",
      "Roboti na AI ni kitu kimoja"}},
    {"no-need-to-understand",
     {"People no longer need to understand how it works",
      "On n'a plus besoin de comprendre comment ça marche", "人们不再需要理解它是怎么工作的",
      "لم يعد الناس بحاجة إلى فهم طريقة عمله",
      "Watu hawahitaji tena kuelewa jinsi inavyofanya kazi"}},
};

int report_lang_index(const char *lang) {
    for (int i = 0; lang && i < LANG_COUNT; i++)
        if (strcmp(lang, LANG_TAGS[i]) == 0) return i;
    return 0;
}

bool sync_report_lang_known(const char *lang) {
    for (int i = 0; lang && i < LANG_COUNT; i++)
        if (strcmp(lang, LANG_TAGS[i]) == 0) return true;
    return false;
}

const char *report_lang_tag(int lang) {
    assert(lang >= 0 && lang < LANG_COUNT);
    return LANG_TAGS[lang];
}

bool report_lang_rtl(int lang) { return strcmp(report_lang_tag(lang), "ar") == 0; }

const char *report_string(int lang, ReportStringId id) {
    assert(lang >= 0 && lang < LANG_COUNT && id >= 0 && id < RS_COUNT);
    assert(STRINGS[id][lang]); /* every string has every language */
    const char *s = STRINGS[id][lang];
    return s ? s : "";
}

const char *report_misconception_words(int lang, const char *tag) {
    assert(lang >= 0 && lang < LANG_COUNT);
    for (size_t i = 0; tag && i < sizeof BELIEFS / sizeof *BELIEFS; i++)
        if (strcmp(BELIEFS[i].tag, tag) == 0) return BELIEFS[i].words[lang];
    return NULL;
}
