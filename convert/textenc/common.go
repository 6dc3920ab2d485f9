package textenc

// commonSimplified holds about 500 of the most frequent hanzi of modern
// written Chinese (simplified forms, roughly in frequency order), followed by
// characters that are frequent in government information disclosure reports.
const commonSimplified = "" +
	"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于" +
	"着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还" +
	"进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情" +
	"明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或" +
	"新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员" +
	"解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太" +
	"量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基" +
	"眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交" +
	"规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济" +
	"车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调" +
	"深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越" +
	"器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历" +
	"首医局突专费号尽另周较注语仅考落青随选列依申诉讼答驳纠维撤销违章范罚织构益律予属" +
	"秘密危稳护层督促检咨询供掌握访举投渠逾补审尚措施例贯彻网站微众闻栏截份县街乡镇厅" +
	"财预执亿项余"

// commonTraditional holds the traditional forms of commonSimplified that
// differ from the simplified form: the OpenCC standard form, its Taiwan
// variant, and a few frequent alternatives (裡, 髮, 乾, 臺, 於, 著).
const commonTraditional = "" +
	"這個們來爲為國說時會對於過發後裏裡種經麼學現當沒動還進樣開從實軍無與長機關點業將" +
	"兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統" +
	"區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風幹聯組濟" +
	"車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約復線斷滿視須寫稱嗎輕農" +
	"裝廣顯標談喫圖歷醫專費號盡較語僅隨選訴訟駁糾維銷違範罰織構屬祕穩護層檢諮詢訪舉補" +
	"審貫徹網衆眾聞欄縣鄉鎮廳財預執億項餘髮乾著"
