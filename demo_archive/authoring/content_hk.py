"""Hong Kong sources: texts written for the demo (facts: names, dates; statements paraphrased)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

HKT = timezone(timedelta(hours=8))


def d(y: int, m: int, dd: int, hh: int = 12, mm: int = 0) -> datetime:
    return datetime(y, m, dd, hh, mm, tzinfo=HKT)


GIA = "https://www.info.gov.hk/gia/general"

EIGHT_EN = (
    "Law Kwun-chung (Nathan Law), Kwok Wing-hang (Dennis Kwok), Hui Chi-fung (Ted Hui), "
    "Yam Kin-fung (Kevin Yam), Yuen Gong-yi (Elmer Yuen), Mung Siu-tat, Lau Cho-dik (Finn Lau) "
    "and Kwok Fung-yee (Anna Kwok)"
)
EIGHT_ZH = "羅冠聰、郭榮鏗、許智峯、任建峰、袁弓夷、蒙兆達、劉祖廸及郭鳳儀"
FIVE_EN = (
    "Cheng Man-kit (Simon Cheng), Hui Wing-ting (Frances Hui), Siu Lam (Joey Siu), "
    "Fok Ka-chi (Johnny Fok) and Choi Ming-da (Tony Choi)"
)
FIVE_ZH = "鄭文傑、許穎婷、邵嵐、霍嘉志及蔡明達"
SIX_EN = (
    "Chung Hon-lam (Tony Chung), Lau Hong (Carmen Lau), Cheung Hiu-man (Chloe Cheung), "
    "Chung Kim-wah, Tay Ching-kee (Joseph Tay) and Ho Leung-mau (Victor Ho)"
)
SIX_ZH = "鍾翰林、劉康、張曉雯、鍾劍華、鄭敬基及何良懋"

HK_GOV_PRESS = [
    # ---------------------------------------------------------------- English
    dict(
        id="G1",
        lang="en",
        date=d(2023, 7, 3, 21, 5),
        url=f"{GIA}/202307/03/P2023070300811.htm",
        disc=["feed_en"],
        topic="threat",
        title="Police issue arrest warrants for eight absconders under Hong Kong National Security Law",
        paras=[
            "The National Security Department (NSD) of the Police today (July 3) said that the court has issued "
            "arrest warrants against eight persons who have absconded overseas. They are wanted for offences under "
            "the Hong Kong National Security Law, including incitement to secession, incitement to subversion, and "
            "collusion with a foreign country or with external elements to endanger national security.",
            f"The eight wanted persons are {EIGHT_EN}.",
            "The Police offer a reward of HK$1 million for information leading to the arrest of each of the wanted "
            "persons. A Police spokesman said the offences concerned have extraterritorial effect and that the "
            "Police will spare no effort in bringing the absconders to justice, no matter where they are.",
            "The spokesman stressed that the wanted persons have continued to engage in activities endangering "
            "national security after absconding, including requesting foreign countries to impose sanctions on "
            "Hong Kong officials. He urged them to return to Hong Kong and surrender to the Police as soon as "
            "possible.",
            "Members of the public with information about the wanted persons may contact the NSD Reporting "
            "Hotline. All information will be kept strictly confidential.",
        ],
    ),
    dict(
        id="G2",
        lang="en",
        date=d(2023, 7, 4, 12, 40),
        url=f"{GIA}/202307/04/P2023070400419.htm",
        disc=["feed_en"],
        topic="threat",
        title="Transcript of remarks by CE at media session before ExCo meeting (with video)",
        paras=[
            "Following is the transcript of remarks by the Chief Executive, Mr John Lee, at a media session before "
            "the Executive Council meeting today (July 4):",
            "Reporter: Yesterday the Police announced arrest warrants and rewards for eight people who are now "
            "overseas. Some foreign governments have criticised the move. How do you respond?",
            "Chief Executive: These eight people have absconded and continue to commit offences that seriously "
            "endanger national security. The Police have taken law enforcement action in accordance with the law, "
            "and the National Security Law has extraterritorial effect. I must point out that the only way to end "
            "their fate as absconders who will be pursued for life is to surrender. Otherwise they will have to "
            "live in fear and be watched all the time.",
            "We will pursue them for life. Anyone who assists them to continue their crimes may also be breaking "
            "the law, and I call on people in Hong Kong not to provide them with any support.",
            "(Please also refer to the Chinese portion of the transcript.)",
        ],
    ),
    dict(
        id="G3",
        lang="en",
        date=d(2023, 12, 14, 20, 30),
        url=f"{GIA}/202312/14/P2023121400725.htm",
        disc=["feed_en"],
        topic="threat",
        title="Police issue arrest warrants for five more absconders",
        paras=[
            "The Police's National Security Department today (December 14) announced that arrest warrants have "
            "been issued against five more persons who have absconded overseas, for offences including incitement "
            "to secession, incitement to subversion and collusion with external forces.",
            f"The five persons are {FIVE_EN}.",
            "A reward of HK$1 million is offered for information leading to the arrest of each of them, the same "
            "amount as offered for the eight persons wanted since July. A Police spokesman said the Police will "
            "continue to pursue the absconders relentlessly and will take all lawful measures against those who "
            "provide financial assistance to them.",
            "The spokesman urged the five to abandon their illusions and return to Hong Kong to surrender.",
        ],
    ),
    dict(
        id="G4",
        lang="en",
        date=d(2024, 6, 12, 16, 0),
        url=f"{GIA}/202406/12/P2024061200480.htm",
        disc=["feed_en"],
        topic="action",
        title="Secretary for Security specifies measures against six absconders",
        paras=[
            "The Secretary for Security, Mr Tang Ping-keung, today (June 12) specified six absconders under "
            "section 89 of the Safeguarding National Security Ordinance and announced measures against them "
            "under section 90.",
            "The specified absconders are Law Kwun-chung (Nathan Law), Cheng Man-kit (Simon Cheng), Mung Siu-tat "
            "(Christopher Mung), Lau Cho-dik (Finn Lau), Choi Ming-da (Tony Choi) and Fok Ka-chi (Johnny Fok), "
            "all of whom are wanted for offences endangering national security and have refused to return to "
            "Hong Kong.",
            "The measures include cancelling the HKSAR passports of the specified absconders; prohibiting any "
            "person from making funds or other financial assets available to them; prohibiting any person from "
            "leasing immovable property to them or forming a joint venture with them; and suspending their "
            "qualifications to practise as professionals.",
            "A Government spokesman said the absconders had continued to engage in activities endangering national "
            "security overseas, and the measures are necessary to prevent and suppress such activities. The "
            "spokesman reminded the public that contravening the measures is an offence.",
        ],
    ),
    dict(
        id="G5",
        lang="en",
        date=d(2024, 12, 24, 19, 45),
        url=f"{GIA}/202412/24/P2024122400560.htm",
        disc=["feed_en"],
        topic="threat",
        title="Police issue arrest warrants for six absconders",
        paras=[
            "The National Security Department of the Police today (December 24) said that arrest warrants have "
            "been issued against six persons who have absconded overseas for offences endangering national "
            "security.",
            f"The six wanted persons are {SIX_EN}.",
            "The Police offer a reward of HK$1 million for information leading to the arrest of each of them. A "
            "Police spokesman said the six persons have, after absconding, continued to incite secession and "
            "subversion and to collude with external forces, and some of them are involved in the so-called "
            '"Hong Kong Parliament".',
            "The spokesman said the Police will pursue the absconders to the end and urged them to surrender "
            "immediately.",
        ],
    ),
    dict(
        id="G6",
        lang="en",
        date=d(2024, 12, 24, 20, 30),
        url=f"{GIA}/202412/24/P2024122400610.htm",
        disc=["feed_en"],
        topic="action",
        title="Secretary for Security specifies measures against seven absconders",
        paras=[
            "The Secretary for Security today (December 24) specified seven absconders under the Safeguarding "
            "National Security Ordinance and announced measures against them, including the cancellation of their "
            "HKSAR passports.",
            "The seven specified absconders are Hui Chi-fung (Ted Hui), Kwok Wing-hang (Dennis Kwok), Yam Kin-fung "
            "(Kevin Yam), Yuen Gong-yi (Elmer Yuen), Kwok Fung-yee (Anna Kwok), Hui Wing-ting (Frances Hui) and "
            "Siu Lam (Joey Siu).",
            "Other measures prohibit any person from providing funds to them, leasing property to them or forming "
            'joint ventures with them. A Government spokesman said the absconders "have been hiding in foreign '
            'countries and continue to blatantly engage in activities that endanger national security", and that '
            "the Government will take every measure available under the law.",
        ],
    ),
    dict(
        id="G7",
        lang="en",
        date=d(2025, 7, 25, 21, 10),
        url=f"{GIA}/202507/25/P2025072500700.htm",
        disc=["feed_en", "idx_20250725_en"],
        topic="threat",
        title='Police issue arrest warrants for 19 persons involved in so-called "Hong Kong Parliament"',
        paras=[
            "The National Security Department of the Police today (July 25) said that arrest warrants have been "
            "issued against 19 persons for the offence of subversion under the Hong Kong National Security Law, in "
            'connection with the organisation of the so-called "Hong Kong Parliament" overseas.',
            "The Police offer a reward of HK$200,000 for information leading to the arrest of each of 15 of the "
            "wanted persons. The remaining four, including Yuen Gong-yi (Elmer Yuen) and Ho Leung-mau (Victor Ho), "
            "were already wanted with rewards of HK$1 million.",
            'A Police spokesman said the organisers had held a so-called "election" with the aim of subverting '
            "State power. The Police will take resolute action to pursue all of them, and will also take action "
            "against anyone who provides them with financial support or who takes part in the so-called "
            "organisation.",
            'The spokesman reminded members of the public that voting in the so-called "election" may also '
            "constitute an offence, and urged the wanted persons to surrender.",
        ],
    ),
    dict(
        id="G8",
        lang="en",
        date=d(2025, 7, 25, 6, 45),
        url=f"{GIA}/202507/25/P2025072500315.htm",
        disc=["feed_en", "idx_20250725_en"],
        topic="negative",
        title="Very Hot Weather Warning issued",
        paras=[
            "Attention TV/radio announcers: Please broadcast the following as soon as possible and repeat it at "
            "frequent intervals:",
            "The Hong Kong Observatory has issued the Very Hot Weather Warning. The risk of heatstroke is high. "
            "When engaged in outdoor work or activities, drink plenty of water and avoid over-exertion.",
            "The Home Affairs Department has opened cooling centres in the 18 districts. People who need the "
            "service may call the department's hotline.",
        ],
    ),
    dict(
        id="G9",
        lang="en",
        date=d(2025, 7, 25, 23, 20),
        url=f"{GIA}/202507/25/P2025072500802.htm",
        disc=["feed_en", "idx_20250725_en"],
        topic="threat",
        title="HKSAR Government strongly condemns smearing remarks on arrest warrants",
        paras=[
            "The HKSAR Government today (July 25) strongly condemned remarks by some foreign politicians and "
            "anti-China organisations which smeared the law enforcement action of the Police against persons "
            'involved in the so-called "Hong Kong Parliament".',
            'A Government spokesman said, "No country would allow anyone to organise a so-called parliament with '
            'the aim of subverting its government. The absconders are fugitives, not activists."',
            "The spokesman said the Government will not stop pursuing the absconders, who will be pursued for "
            "life, and warned that any person who harbours or assists them to commit offences endangering "
            "national security will bear the legal consequences.",
        ],
    ),
    dict(
        id="G10",
        lang="en",
        date=d(2025, 7, 26, 11, 30),
        url=f"{GIA}/202507/26/P2025072600188.htm",
        disc=["feed_en", "idx_20250726_en"],
        topic="negative",
        title="Special traffic arrangements for cycling event in Sha Tin",
        paras=[
            "Police will implement special traffic arrangements in Sha Tin tomorrow (July 27) to facilitate a "
            "cycling event.",
            "Sections of Tai Po Road - Sha Tin and Yuen Wo Road will be closed from 5am to 11am. Motorists are "
            "advised to use alternative routes. Actual implementation of the traffic arrangements will be made "
            "depending on traffic conditions.",
        ],
    ),
    dict(
        id="G11",
        lang="en",
        date=d(2025, 7, 26, 16, 30),
        url=f"{GIA}/202507/26/P2025072600251.htm",
        disc=["feed_en", "idx_20250726_en"],
        topic="negative",
        title="External merchandise trade statistics for June 2025",
        paras=[
            "The value of Hong Kong's total exports of goods increased by 11.9 per cent in June 2025 over a year "
            "earlier, according to figures released today (July 26) by the Census and Statistics Department.",
            "A Government spokesman said exports to the Mainland and to other major Asian markets continued to "
            "grow, while the outlook remained subject to uncertainties in the external environment, including "
            "tariffs.",
        ],
    ),
    # ---------------------------------------------------------------- Traditional Chinese
    dict(
        id="Z1",
        lang="zh-Hant",
        date=d(2023, 7, 3, 21, 5),
        url=f"{GIA}/202307/03/P2023070300811c.htm",
        disc=["feed_zh"],
        topic="threat",
        title="警方根據《香港國安法》對八名潛逃者發出通緝令",
        paras=[
            "警務處國家安全處今日（七月三日）表示，法院已向八名潛逃海外人士發出拘捕令，他們涉嫌觸犯《香港國安法》下"
            "煽動分裂國家、煽動顛覆國家政權及勾結外國或者境外勢力危害國家安全等罪行。",
            f"八名被通緝人士為{EIGHT_ZH}。",
            "警方就每名被通緝人士懸紅一百萬港元，以緝拿歸案。警方發言人表示，有關罪行具域外效力，"
            "警方會不遺餘力將潛逃者緝拿歸案。",
            "發言人促請被通緝人士盡快返港自首，並呼籲市民如有相關資料，致電國家安全處舉報熱線。",
        ],
    ),
    dict(
        id="Z2",
        lang="zh-Hant",
        date=d(2023, 7, 4, 12, 40),
        url=f"{GIA}/202307/04/P2023070400419c.htm",
        disc=["feed_zh"],
        topic="threat",
        title="行政長官出席行政會議前會見傳媒開場發言和答問內容（附短片）",
        paras=[
            "以下為行政長官李家超今日（七月四日）出席行政會議前會見傳媒的答問內容：",
            "記者：警方昨日通緝八名身處海外的人士並作出懸紅，有外國政府批評，你有何回應？",
            "行政長官：這八人潛逃後繼續作出嚴重危害國家安全的行為，警方依法執法。要結束他們作為被終身追緝的潛逃者的命運，"
            "唯一方法就是自首，否則他們只會終日提心吊膽。",
            "我們會終身追緝他們。任何人協助他們繼續犯罪，亦可能觸犯法律，我呼籲市民不要向他們提供任何支援。",
            "（請同時參閱答問內容的英文部分。）",
        ],
    ),
    dict(
        id="Z3",
        lang="zh-Hant",
        date=d(2023, 12, 14, 20, 30),
        url=f"{GIA}/202312/14/P2023121400725c.htm",
        disc=["feed_zh"],
        topic="threat",
        title="警方再通緝五名潛逃者",
        paras=[
            "警務處國家安全處今日（十二月十四日）宣布，法院已向另外五名潛逃海外人士發出拘捕令，他們涉嫌煽動分裂國家、"
            "煽動顛覆國家政權及勾結外國或者境外勢力危害國家安全。",
            f"五名被通緝人士為{FIVE_ZH}。",
            "警方就每名被通緝人士懸紅一百萬港元。警方發言人表示，警方會鍥而不捨追緝潛逃者，"
            "並會依法處理向他們提供資助的人士。發言人促請五人放棄幻想，回港自首。",
        ],
    ),
    dict(
        id="Z6",
        lang="zh-Hant",
        date=d(2024, 12, 24, 20, 30),
        url=f"{GIA}/202412/24/P2024122400610c.htm",
        disc=["feed_zh"],
        topic="action",
        title="保安局局長指明七名潛逃者並公布針對措施",
        paras=[
            "保安局局長今日（十二月二十四日）根據《維護國家安全條例》指明七名潛逃者，並公布針對他們的措施，"
            "包括取消他們的香港特區護照。",
            "被指明的潛逃者為許智峯、郭榮鏗、任建峰、袁弓夷、郭鳳儀、許穎婷及邵嵐。",
            "其他措施包括禁止任何人向他們提供資金、租賃物業或與他們成立合營企業。政府發言人表示，"
            "潛逃者「躲藏在外國，繼續肆無忌憚地從事危害國家安全的活動」，政府會用盡法律賦予的一切措施。",
        ],
    ),
    dict(
        id="Z7",
        lang="zh-Hant",
        date=d(2025, 7, 25, 21, 10),
        url=f"{GIA}/202507/25/P2025072500700c.htm",
        disc=["feed_zh", "idx_20250725_zh"],
        topic="threat",
        title="警方就所謂「香港議會」向十九人發出通緝令",
        paras=[
            "警務處國家安全處今日（七月二十五日）表示，法院已就組織所謂「香港議會」一事，向十九人發出拘捕令，"
            "他們涉嫌觸犯《香港國安法》下顛覆國家政權罪。",
            "警方就其中十五名被通緝人士每人懸紅二十萬港元；其餘四人，包括袁弓夷及何良懋，早前已被通緝，懸紅為一百萬港元。",
            "警方發言人表示，組織者企圖透過所謂「選舉」顛覆國家政權，警方會堅決追緝所有涉案人士，"
            "並會依法處理向他們提供資助或參與該組織的人士。發言人促請被通緝人士自首。",
        ],
    ),
    dict(
        id="Z8",
        lang="zh-Hant",
        date=d(2025, 7, 25, 6, 45),
        url=f"{GIA}/202507/25/P2025072500315c.htm",
        disc=["feed_zh", "idx_20250725_zh"],
        topic="negative",
        title="酷熱天氣警告",
        paras=[
            "電台及電視台當值宣布員請盡快廣播下列消息，並須在適當時間重複廣播：",
            "天文台發出酷熱天氣警告，中暑的危險性頗高。在戶外工作或活動時，應多喝水及避免過度勞累。",
            "民政事務總署已在十八區開放臨時避暑中心，有需要的市民可致電民政事務總署熱線查詢。",
        ],
    ),
    dict(
        id="Z9",
        lang="zh-Hant",
        date=d(2025, 7, 25, 23, 20),
        url=f"{GIA}/202507/25/P2025072500802c.htm",
        disc=["feed_zh", "idx_20250725_zh"],
        topic="threat",
        title="特區政府強烈譴責抹黑警方通緝行動的言論",
        paras=[
            "特區政府今日（七月二十五日）強烈譴責個別外國政客及反中組織抹黑警方針對所謂「香港議會」涉案人士的執法行動。",
            "政府發言人說：「沒有任何國家會容許有人以顛覆政府為目的組織所謂議會。潛逃者是逃犯，不是甚麼社運人士。」",
            "發言人表示，政府不會停止追緝潛逃者，他們會被終身追緝；任何人窩藏或協助他們干犯危害國家安全的罪行，"
            "均須承擔法律後果。",
        ],
    ),
    dict(
        id="Z10",
        lang="zh-Hant",
        date=d(2025, 7, 26, 11, 30),
        url=f"{GIA}/202507/26/P2025072600188c.htm",
        disc=["feed_zh", "idx_20250726_zh"],
        topic="negative",
        title="沙田單車活動特別交通安排",
        paras=[
            "警方明日（七月二十七日）會在沙田實施特別交通安排，以配合一項單車活動舉行。",
            "大埔公路沙田段及源禾路部分路段將於上午五時至十一時封閉，駕駛人士應改用其他道路。"
            "實際交通安排會視乎當時交通情況而定。",
        ],
    ),
    dict(
        id="G12",
        lang="en",
        date=d(2025, 7, 25, 10, 20),
        url=f"{GIA}/202507/25/P2025072500402.htm",
        disc=["feed_en", "idx_20250725_en"],
        topic="negative",
        title="Red flags hoisted at some beaches",
        paras=[
            "Attention TV/radio announcers: Please broadcast the following as soon as possible:",
            "Here is an item of interest to swimmers. The Leisure and Cultural Services Department announced today "
            "(July 25) that red flags have been hoisted at Silverstrand Beach and Clear Water Bay Second Beach in "
            "Sai Kung District because of big waves. Beach-goers are advised not to swim at these beaches.",
        ],
    ),
    dict(
        id="G13",
        lang="en",
        date=d(2025, 7, 26, 19, 50),
        url=f"{GIA}/202507/26/P2025072600530.htm",
        disc=["feed_en", "idx_20250726_en"],
        topic="hard_negative",
        title="Hong Kong Customs seizes suspected cannabis buds at airport",
        paras=[
            "Hong Kong Customs today (July 26) seized about 8 kilograms of suspected cannabis buds with an estimated "
            "market value of about $1.6 million at Hong Kong International Airport.",
            "A 31-year-old male passenger arriving from Bangkok was arrested. Investigation is ongoing.",
            "Customs reminds members of the public that trafficking in a dangerous drug is a serious offence. The "
            "maximum penalty upon conviction is a fine of $5 million and life imprisonment.",
        ],
    ),
    dict(
        id="Z12",
        lang="zh-Hant",
        date=d(2025, 7, 25, 10, 20),
        url=f"{GIA}/202507/25/P2025072500402c.htm",
        disc=["feed_zh", "idx_20250725_zh"],
        topic="negative",
        title="部分海灘懸掛紅旗",
        paras=[
            "電台及電視台當值宣布員請盡快廣播下列消息：",
            "康樂及文化事務署今日（七月二十五日）宣布，由於風浪大，西貢區銀線灣泳灘及清水灣第二灣泳灘已懸掛紅旗，"
            "泳客不宜在該等泳灘游泳。",
        ],
    ),
    dict(
        id="Z13",
        lang="zh-Hant",
        date=d(2025, 7, 26, 19, 50),
        url=f"{GIA}/202507/26/P2025072600530c.htm",
        disc=["feed_zh", "idx_20250726_zh"],
        topic="hard_negative",
        title="香港海關在機場檢獲懷疑大麻花",
        paras=[
            "香港海關今日（七月二十六日）在香港國際機場檢獲約八公斤懷疑大麻花，估計市值約一百六十萬元。",
            "一名由曼谷抵港的三十一歲男乘客被捕，案件仍在調查中。",
            "海關提醒市民，販運危險藥物屬嚴重罪行，一經定罪，最高可被罰款五百萬元及終身監禁。",
        ],
    ),
]

# date-index link to a release that is not in the archive (the crawler must log it and go on)
GIA_MISSING = ("/gia/general/202507/26/P2025072600412.htm", "Missing woman located", "18:40")

NEWSGOV = "https://www.news.gov.hk"
HK_NEWS_GOV = [
    dict(
        id="N1",
        lang="en",
        date=d(2025, 7, 25, 21, 45),
        url=f"{NEWSGOV}/eng/2025/07/20250725/20250725_214512_318.html",
        disc=["feed_en"],
        topic="threat",
        tags=["national security", "Police"],
        other_url=f"{NEWSGOV}/chi/2025/07/20250725/20250725_215010_455.html",
        title="Warrants out for 19 absconders",
        paras=[
            "The Police today issued arrest warrants for 19 people suspected of subversion over their involvement "
            'in the so-called "Hong Kong Parliament", and offered rewards of $200,000 for information leading to '
            "the arrest of 15 of them.",
            "The National Security Department said the group had organised a so-called election overseas in an "
            "attempt to subvert State power. Four of the wanted people already face arrest warrants with rewards "
            "of $1 million.",
            "Secretary for Security Chris Tang said the absconders would be pursued for life and urged them to "
            "turn themselves in, adding that anyone in Hong Kong who funds them could also face prosecution.",
        ],
    ),
    dict(
        id="N2",
        lang="en",
        date=d(2024, 6, 12, 18, 15),
        url=f"{NEWSGOV}/eng/2024/06/20240612/20240612_181530_702.html",
        disc=["feed_en"],
        topic="action",
        tags=["national security"],
        title="Measures specified against six absconders",
        paras=[
            "Secretary for Security Chris Tang today specified six absconders under the Safeguarding National "
            "Security Ordinance, cancelling their HKSAR passports and barring anyone from providing them with "
            "funds.",
            "Mr Tang said the absconders, including Nathan Law and Simon Cheng, had continued to endanger national "
            "security from overseas and the measures were needed to stop them.",
            "He said the Government would consider further measures against other absconders when necessary.",
        ],
    ),
    dict(
        id="N3",
        lang="en",
        date=d(2025, 7, 26, 17, 0),
        url=f"{NEWSGOV}/eng/2025/07/20250726/20250726_170012_210.html",
        disc=["feed_en"],
        topic="negative",
        tags=["tourism"],
        title="Visitor arrivals up 12% in first half",
        paras=[
            "Hong Kong received about 23.6 million visitors in the first six months of the year, up 12% year on "
            "year, the Tourism Board said today.",
            "Secretary for Culture, Sports & Tourism Rosanna Law said the summer events calendar would keep the "
            "momentum going, with mega events planned for every weekend in August.",
        ],
    ),
    dict(
        id="N4",
        lang="zh-Hant",
        date=d(2025, 7, 25, 21, 50),
        url=f"{NEWSGOV}/chi/2025/07/20250725/20250725_215010_455.html",
        disc=["feed_zh"],
        topic="threat",
        tags=["國家安全", "警隊"],
        other_url=f"{NEWSGOV}/eng/2025/07/20250725/20250725_214512_318.html",
        title="警方通緝19名潛逃者",
        paras=[
            "警方今日就所謂「香港議會」向19人發出通緝令，他們涉嫌顛覆國家政權，警方並就其中15人每人懸紅20萬元。",
            "國家安全處表示，該組織在海外舉辦所謂選舉，企圖顛覆國家政權；另外4名涉案人士早前已被通緝，懸紅100萬元。",
            "保安局局長鄧炳強表示，潛逃者會被終身追緝，促請他們自首，並提醒市民資助他們亦可能觸犯法例。",
        ],
    ),
    dict(
        id="N5",
        lang="zh-Hant",
        date=d(2023, 7, 4, 13, 20),
        url=f"{NEWSGOV}/chi/2023/07/20230704/20230704_132015_883.html",
        disc=["feed_zh"],
        topic="threat",
        tags=["行政長官", "國家安全"],
        title="特首：潛逃者將被終身追緝",
        paras=[
            "行政長官李家超表示，被警方通緝的八名潛逃者唯一出路是自首，否則會被終身追緝，終日提心吊膽。",
            "他今日出席行政會議前會見傳媒時說，有關人士潛逃後仍繼續危害國家安全，警方依法執法，《香港國安法》具域外效力。",
            "李家超又呼籲市民不要向潛逃者提供任何支援，以免觸犯法例。",
        ],
    ),
    dict(
        id="N6",
        lang="zh-Hant",
        date=d(2025, 7, 26, 16, 40),
        url=f"{NEWSGOV}/chi/2025/07/20250726/20250726_164022_097.html",
        disc=["feed_zh"],
        topic="negative",
        tags=["天氣"],
        title="天文台：酷熱天氣持續",
        paras=[
            "天文台表示，一道高壓脊正為華南帶來酷熱天氣，預料本港未來數日天氣持續酷熱，市區氣溫最高約35度。",
            "天文台提醒市民避免長時間在陽光下活動，並要多喝水，留意身體狀況。",
        ],
    ),
    dict(
        id="N7",
        lang="en",
        date=d(2025, 7, 26, 12, 5),
        url=f"{NEWSGOV}/eng/2025/07/20250726/20250726_120530_644.html",
        disc=["feed_en"],
        topic="negative",
        tags=["transport"],
        title="More cross-boundary coaches for summer",
        paras=[
            "The Transport Department said today that cross-boundary coach operators will run additional trips to "
            "Shenzhen and Guangzhou during the summer holidays to meet higher demand.",
            "Travellers are advised to check schedules in advance and allow extra time at control points.",
        ],
    ),
    dict(
        id="N8",
        lang="zh-Hant",
        date=d(2025, 7, 26, 12, 10),
        url=f"{NEWSGOV}/chi/2025/07/20250726/20250726_121012_650.html",
        disc=["feed_zh"],
        topic="negative",
        tags=["運輸"],
        title="暑假增加跨境巴士班次",
        paras=[
            "運輸署今日表示，暑假期間跨境巴士營辦商會增加往返深圳及廣州的班次，以應付需求。",
            "運輸署提醒旅客預早查閱班次，並預留充足時間辦理出入境手續。",
        ],
    ),
]

POLICE_EN = "https://www.police.gov.hk/ppp_en/03_police_message/pr"
POLICE_TC = "https://www.police.gov.hk/ppp_tc/03_police_message/pr"
HK_POLICE = [
    dict(
        id="P1",
        lang="en",
        date=d(2023, 7, 3, 20, 30),
        url=f"{POLICE_EN}/pr_20230703_02.html",
        disc=["listing_en"],
        topic="threat",
        other_url=f"{POLICE_TC}/pr_20230703_02.html",
        title="Wanted persons: arrest warrants and rewards (National Security)",
        paras=[
            "The National Security Department (NSD) of the Hong Kong Police Force is seeking the arrest of the "
            "following eight persons, against whom warrants of arrest have been issued by the court for offences "
            "under the Hong Kong National Security Law.",
            "A reward of up to HK$1,000,000 is offered for information leading to the arrest of each wanted person. "
            "Anyone who has information is requested to contact the NSD Reporting Hotline.",
            "The Police warn that any person who assists the wanted persons, including by providing funds, may "
            "also commit an offence.",
        ],
        table=(
            ["Name", "Offence", "Reward (HK$)"],
            [
                ["LAW Kwun-chung", "Incitement to secession; collusion with external forces", "1,000,000"],
                ["KWOK Wing-hang", "Collusion with external forces", "1,000,000"],
                ["HUI Chi-fung", "Collusion with external forces", "1,000,000"],
                ["YAM Kin-fung", "Collusion with external forces", "1,000,000"],
                ["YUEN Gong-yi", "Incitement to subversion; collusion with external forces", "1,000,000"],
                ["MUNG Siu-tat", "Collusion with external forces", "1,000,000"],
                ["LAU Cho-dik", "Collusion with external forces", "1,000,000"],
                ["KWOK Fung-yee", "Collusion with external forces", "1,000,000"],
            ],
        ),
    ),
    dict(
        id="P2",
        lang="en",
        date=d(2025, 7, 24, 15, 10),
        url=f"{POLICE_EN}/pr_20250724_05.html",
        disc=["listing_en"],
        topic="hard_negative",
        other_url=f"{POLICE_TC}/pr_20250724_05.html",
        title="Robbery in Mong Kok - Police appeal for information",
        paras=[
            "Police are investigating a robbery case in Mong Kok and appeal to the public for information.",
            "At about 11.40am today (July 24), two men armed with a knife entered a jewellery shop on Sai Yeung Choi "
            "Street South and fled with watches worth about $800,000. Nobody was injured.",
            "The two men, aged between 30 and 40, are wanted. Anyone who has information about the case is urged "
            "to contact the Regional Crime Unit of Kowloon West.",
        ],
    ),
    dict(
        id="P3",
        lang="zh-Hant",
        date=d(2023, 7, 3, 20, 30),
        url=f"{POLICE_TC}/pr_20230703_02.html",
        disc=["listing_zh"],
        topic="threat",
        other_url=f"{POLICE_EN}/pr_20230703_02.html",
        title="通緝人士：拘捕令及懸紅（國家安全）",
        paras=[
            "香港警務處國家安全處現正通緝以下八名人士，法院已就他們涉嫌觸犯《香港國安法》的罪行發出拘捕令。",
            "任何人士提供資料而令被通緝人士被拘捕，每名最高可獲懸紅港幣一百萬元。如有資料，請致電國家安全處舉報熱線。",
            "警方警告，任何人協助被通緝人士，包括向他們提供資金，均可能觸犯法例。",
        ],
        table=(
            ["姓名", "涉嫌罪行", "懸紅（港元）"],
            [
                ["羅冠聰", "煽動分裂國家；勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["郭榮鏗", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["許智峯", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["任建峰", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["袁弓夷", "煽動顛覆國家政權；勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["蒙兆達", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["劉祖廸", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
                ["郭鳳儀", "勾結外國或者境外勢力危害國家安全", "1,000,000"],
            ],
        ),
    ),
    dict(
        id="P4",
        lang="zh-Hant",
        date=d(2025, 7, 24, 15, 10),
        url=f"{POLICE_TC}/pr_20250724_05.html",
        disc=["listing_zh"],
        topic="hard_negative",
        other_url=f"{POLICE_EN}/pr_20250724_05.html",
        title="旺角劫案 警方呼籲提供線索",
        paras=[
            "警方正調查一宗發生於旺角的劫案，現呼籲市民提供線索。",
            "今日（七月二十四日）上午約十一時四十分，兩名持刀男子闖入西洋菜南街一間珠寶店，搶去總值約八十萬元的手錶後逃去，"
            "事件中無人受傷。",
            "兩名男子年約三十至四十歲，現被警方通緝。任何人如有資料，請與西九龍總區重案組聯絡。",
        ],
    ),
    dict(
        id="P5",
        lang="zh-Hant",
        date=d(2024, 12, 24, 19, 45),
        url=f"{POLICE_TC}/pr_20241224_03.html",
        disc=["listing_zh"],
        topic="threat",
        other_url=f"{POLICE_EN}/pr_20241224_03.html",
        title="國家安全處通緝六名潛逃者",
        paras=[
            "警務處國家安全處今日（十二月二十四日）表示，法院已向六名潛逃海外人士發出拘捕令。",
            f"被通緝人士為{SIX_ZH}，警方就每人懸紅一百萬港元。",
            "警方發言人表示，六人潛逃後繼續煽動分裂國家、煽動顛覆及勾結外國勢力，部分人參與所謂「香港議會」。"
            "警方會追緝到底，促請他們立即自首。",
        ],
    ),
    dict(
        id="P6",
        lang="en",
        date=d(2024, 12, 24, 19, 45),
        url=f"{POLICE_EN}/pr_20241224_03.html",
        disc=["listing_en"],
        topic="threat",
        other_url=f"{POLICE_TC}/pr_20241224_03.html",
        title="NSD issues arrest warrants for six absconders",
        paras=[
            "The National Security Department of the Police today (December 24) said the court has issued arrest "
            "warrants against six persons who have absconded overseas.",
            f"The wanted persons are {SIX_EN}. A reward of HK$1 million is offered for each of them.",
            "A Police spokesman said the Police will pursue them to the end and urged them to surrender immediately.",
        ],
    ),
    dict(
        id="P7",
        lang="en",
        date=d(2025, 7, 25, 16, 0),
        url=f"{POLICE_EN}/pr_20250725_02.html",
        disc=["listing_en"],
        topic="negative",
        other_url=f"{POLICE_TC}/pr_20250725_02.html",
        title="Police warn of online shopping scams during summer sales",
        paras=[
            "Police remind members of the public to stay alert to online shopping scams during the summer sales "
            "season. Over 1,000 such cases were reported in the first half of the year.",
            "Members of the public should use reputable platforms and check the Scameter before making payment.",
        ],
    ),
    dict(
        id="P8",
        lang="zh-Hant",
        date=d(2025, 7, 25, 16, 0),
        url=f"{POLICE_TC}/pr_20250725_02.html",
        disc=["listing_zh"],
        topic="negative",
        other_url=f"{POLICE_EN}/pr_20250725_02.html",
        title="警方提醒市民慎防暑期網購騙案",
        paras=[
            "警方提醒市民，暑期減價季節期間要提高警覺，慎防網購騙案。今年上半年共接獲超過一千宗相關舉報。",
            "市民應使用信譽良好的購物平台，並在付款前以「防騙視伏器」查核。",
        ],
    ),
]

SB_EN = "https://www.sb.gov.hk/eng/news"
SB_TC = "https://www.sb.gov.hk/chi/news"
HK_SECURITY_BUREAU = [
    dict(
        id="S1",
        lang="en",
        date=d(2024, 6, 12, 22, 15),
        url=f"{GIA}/202406/12/P2024061200533.htm",
        disc=["listing_en"],
        topic="threat",
        layout="gia",
        title="SB responds to media enquiries on specification of absconders",
        paras=[
            "In response to media enquiries on the specification of six absconders today (June 12), a spokesman "
            "for the Security Bureau said the measures are targeted at absconders who have continued to endanger "
            "national security and are necessary and proportionate.",
            'The spokesman said, "The absconders have chosen to hide overseas and collude with external forces. '
            "They will not be able to evade legal responsibility. The only way out for them is to return to Hong "
            'Kong and surrender."',
            "The spokesman reminded the public that any person who makes funds available to a specified absconder "
            "commits an offence.",
        ],
    ),
    dict(
        id="S2",
        lang="zh-Hant",
        date=d(2024, 6, 12, 22, 15),
        url=f"{GIA}/202406/12/P2024061200533c.htm",
        disc=["listing_zh"],
        topic="threat",
        layout="gia",
        title="保安局回應傳媒查詢有關指明潛逃者",
        paras=[
            "就傳媒查詢今日（六月十二日）指明六名潛逃者一事，保安局發言人表示，相關措施針對持續危害國家安全的潛逃者，"
            "屬必要及合乎比例。",
            "發言人說：「潛逃者選擇躲藏海外、勾結外部勢力，他們不可能逃避法律責任，唯一出路是回港自首。」",
            "發言人提醒市民，任何人向被指明潛逃者提供資金即屬犯罪。",
        ],
    ),
    dict(
        id="S3",
        lang="en",
        date=d(2024, 12, 24, 21, 0),
        url=f"{SB_EN}/2024/20241224_statement.htm",
        disc=["listing_en"],
        topic="threat",
        title="Statement by the Secretary for Security on absconders",
        paras=[
            "The Secretary for Security, Mr Tang Ping-keung, said today that the Government will not relent in its "
            "pursuit of absconders who endanger national security, however far away they hide.",
            '"They may think that living overseas keeps them beyond the reach of the law. It does not. They will '
            'be wanted for life, and the measures we take will make it harder and harder for them to carry on," '
            "Mr Tang said.",
            "He said the Government had so far specified 13 absconders under the Safeguarding National Security "
            "Ordinance and would continue to use every legal means available.",
        ],
    ),
    dict(
        id="S4",
        lang="zh-Hant",
        date=d(2024, 12, 24, 21, 0),
        url=f"{SB_TC}/2024/20241224_statement.htm",
        disc=["listing_zh"],
        topic="threat",
        title="保安局局長就潛逃者發表聲明",
        paras=[
            "保安局局長鄧炳強今日表示，政府不會放鬆追緝危害國家安全的潛逃者，無論他們躲藏得多遠。",
            "鄧炳強說：「他們或以為身處海外便可逍遙法外，這是錯的。他們會被終身通緝，我們採取的措施只會令他們越來越寸步難行。」",
            "他表示，政府至今已根據《維護國家安全條例》指明十三名潛逃者，並會繼續運用一切法律手段。",
        ],
    ),
]

WWP = "https://www.wenweipo.com/a"
WEN_WEI_PO = [
    dict(
        id="W1",
        lang="zh-Hant",
        date=d(2023, 7, 4, 4, 0),
        url=f"{WWP}/202307/04/AP64a3a1c2e4b0b9d7c1f2a301.html",
        disc=["listing"],
        topic="threat",
        author="記者 黎忞",
        editor="李薇",
        tags=["國安", "通緝"],
        title="鄧炳強：八潛逃者終身被通緝 唯一出路是自首",
        paras=[
            "香港警方國家安全處前日向八名潛逃海外的反中亂港分子發出通緝令，每人懸紅100萬元。保安局局長鄧炳強昨日表示，"
            "潛逃者「一世都係通緝犯」，唯一出路是回港自首。",
            "鄧炳強說，《香港國安法》具域外效力，警方會用盡一切方法追緝，任何人資助他們亦屬違法。他又批評個別外國政客"
            "為潛逃者撐腰，是干預香港事務。",
            "多名法律界人士表示，懸紅通緝有充分法律依據，亦是國際通行做法，對潛逃者有強大震懾作用。",
        ],
    ),
    dict(
        id="W2",
        lang="zh-Hant",
        date=d(2024, 12, 25, 4, 0),
        url=f"{WWP}/202412/25/AP676b1f3ae4b0c5a2d8e91b44.html",
        disc=["listing"],
        topic="threat",
        author="記者 文森",
        editor="張倩",
        tags=["國安", "懸紅"],
        title="國安處再通緝六人 各懸紅百萬",
        paras=[
            "警方國家安全處昨日再向六名潛逃海外人士發出通緝令，包括鍾翰林、劉康、張曉雯、鍾劍華、鄭敬基及何良懋，"
            "每人懸紅100萬元。至此，被國安處懸紅通緝的潛逃者已增至19人。",
            "同日，保安局局長根據《維護國家安全條例》指明七名潛逃者，取消他們的特區護照。",
            "警方表示，對潛逃者「絕不放棄、追緝到底」，並警告市民切勿向他們提供資金。",
        ],
    ),
    dict(
        id="W3",
        lang="zh-Hant",
        date=d(2025, 7, 26, 4, 0),
        url=f"{WWP}/202507/26/AP68840a21e4b0f1c3a7d25e90.html",
        disc=["listing"],
        topic="threat",
        author="文匯報社評",
        editor="李薇",
        tags=["社評"],
        title="社評：「香港議會」搞顛覆 天涯海角都要緝拿歸案",
        paras=[
            "警方國安處就所謂「香港議會」向19人發出通緝令，展示了特區依法打擊顛覆行為的決心。",
            "所謂「議會」妄圖另立政權，是赤裸裸的顛覆國家政權行為。亂港分子以為躲在海外就可以逍遙法外，"
            "但國安法具域外效力，潛逃者即使逃到天涯海角，都要緝拿歸案。",
            "外部勢力為其撐腰，只會讓世人看清其雙重標準。特區政府必須堅定執法，令亂港分子付出代價。",
        ],
    ),
    dict(
        id="W4",
        lang="zh-Hant",
        date=d(2025, 7, 25, 13, 30),
        url=f"{WWP}/202507/25/AP6883167be4b0f1c3a7d25c12.html",
        disc=["listing"],
        topic="negative",
        author="記者 鄭治祖",
        editor="陳穎",
        tags=["天氣"],
        title="酷熱天氣警告生效 市區氣溫逾34度",
        paras=[
            "天文台今晨發出酷熱天氣警告，市區氣溫下午升至34度以上，新界部分地區更逾36度。",
            "民政事務總署開放多個臨時避暑中心。醫生提醒長者及戶外工作人士慎防中暑，應多喝水及適時休息。",
        ],
    ),
    dict(
        id="W5",
        lang="zh-Hant",
        date=d(2025, 7, 26, 18, 5),
        url=f"{WWP}/202507/26/AP6884a7c0e4b0f1c3a7d26011.html",
        disc=["listing"],
        topic="negative",
        author="記者 周曉菁",
        editor="陳穎",
        tags=["經濟"],
        title="6月出口貨值升近12% 連續多月增長",
        paras=[
            "政府統計處今日公布，6月本港整體出口貨值按年上升11.9%，進口貨值亦錄得增長。",
            "政府發言人表示，輸往內地及亞洲主要市場的出口持續增長，但外圍環境仍存在不確定性，包括關稅問題。",
        ],
    ),
    dict(
        id="W6",
        lang="zh-Hant",
        date=d(2025, 7, 20, 18, 30),
        url=f"{WWP}/202507/20/AP687c9a5ee4b0f1c3a7d1b302.html",
        disc=["listing"],
        topic="negative",
        author="記者 鄭治祖",
        editor="陳穎",
        tags=["颱風"],
        title="颱風韋帕襲港 天文台發十號風球",
        paras=[
            "颱風韋帕今日吹襲本港，天文台上午改發十號颶風信號，多區出現塌樹及水浸報告。",
            "政府開放多個臨時庇護中心，機場大量航班取消。天文台提醒市民留在安全地方，遠離海旁。",
        ],
    ),
]

TKP = "http://www.takungpao.com/news/232108"
TA_KUNG_PAO = [
    dict(
        id="T1",
        lang="zh-Hant",
        date=d(2023, 7, 5, 4, 24),
        url=f"{TKP}/2023/0705/870312.html",
        disc=["listing"],
        topic="threat",
        editor="邱家華",
        title="李家超：潛逃者將被終身追緝 唯一出路是自首",
        paras=[
            "行政長官李家超昨日出席行政會議前會見傳媒，就警方懸紅通緝八名潛逃者表示，要結束被終身追緝的命運，唯一方法就是自首。",
            "李家超說，這些人潛逃後仍繼續危害國家安全，警方依法執法；「我們會終身追緝他們」。"
            "他並呼籲市民不要向潛逃者提供任何支援。",
            "有立法會議員表示，懸紅通緝清楚說明，危害國家安全者無論身在何處，都難逃法律制裁。",
        ],
    ),
    dict(
        id="T2",
        lang="zh-Hant",
        date=d(2024, 6, 13, 4, 10),
        url=f"{TKP}/2024/0613/982110.html",
        disc=["listing"],
        topic="action",
        editor="何嘉敏",
        title="六潛逃者被取消特區護照 保安局：依法辦事",
        paras=[
            "保安局局長鄧炳強昨日首次根據《維護國家安全條例》指明六名潛逃者，包括羅冠聰、鄭文傑、蒙兆達、劉祖廸、蔡明達及霍嘉志，"
            "取消他們的特區護照，並禁止任何人向他們提供資金。",
            "保安局表示，措施針對持續危害國家安全的潛逃者，屬必要及合乎比例。",
            "學者指出，措施切斷潛逃者在港資源，令他們寸步難行。",
        ],
    ),
    dict(
        id="T3",
        lang="zh-Hant",
        date=d(2025, 7, 26, 4, 30),
        url=f"{TKP}/2025/0726/1105221.html",
        disc=["listing"],
        topic="threat",
        editor="邱家華",
        source="大公報評論",
        title="大公評論：顛覆國家者 無處可逃",
        paras=[
            "警方就所謂「香港議會」通緝19人，再次向外界表明：任何企圖顛覆國家政權的人，無論身處何方，都會被追究到底。",
            "這些亂港分子勾結外部勢力、另立所謂「議會」，行徑與分裂國家無異。天網恢恢，疏而不漏，他們終將無處可逃。",
            "特區政府依法懸紅通緝，合理合法，任何外國政客的抹黑都改變不了這一點。",
        ],
    ),
    dict(
        id="T6",
        lang="zh-Hant",
        date=d(2025, 3, 27, 18, 5),
        url=f"{TKP}/2025/0327/1078843.html",
        disc=["listing"],
        topic="threat",
        editor="邱家華",
        title="「天網2025」啟動 追逃辦：外逃人員終將緝拿歸案",
        paras=[
            "中央反腐敗協調小組國際追逃追贓工作辦公室日前宣布啟動「天網2025」行動，將聚焦重點個案，加大追逃防逃追贓力度。",
            "中央追逃辦有關負責人表示，將依法申請發布國際刑警組織紅色通緝令，綜合運用引渡、遣返、勸返等手段，"
            "外逃人員無論逃到哪裏，都將被緝拿歸案。",
            "該負責人並敦促外逃人員認清形勢，盡快回國投案自首，爭取從寬處理。",
        ],
    ),
    dict(
        id="T4",
        lang="zh-Hant",
        date=d(2025, 7, 25, 17, 45),
        url=f"{TKP}/2025/0725/1105102.html",
        disc=["listing"],
        topic="negative",
        editor="何嘉敏",
        title="暑假出行高峰 港珠澳大橋車流創新高",
        paras=[
            "暑假出行高峰來臨，港珠澳大橋香港口岸車流量持續上升，昨日單日過境車輛創開通以來新高。",
            "運輸署提醒駕駛人士預早規劃行程，並留意口岸最新交通消息。",
        ],
    ),
    dict(
        id="T5",
        lang="zh-Hant",
        date=d(2025, 7, 21, 17, 20),
        url=f"{TKP}/2025/0721/1104588.html",
        disc=["listing"],
        topic="negative",
        editor="何嘉敏",
        title="韋帕過後 各區全力清理塌樹",
        paras=[
            "颱風韋帕昨日襲港，全港多區出現塌樹。各部門今日出動人員清理，主要道路大致恢復通車。",
            "發展局表示，共接獲逾千宗塌樹報告，預計數日內完成清理工作。",
        ],
    ),
]
