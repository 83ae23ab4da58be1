"""PRC state media and government sources: texts written for the demo (facts: names, dates; statements paraphrased)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))


def d(y: int, m: int, dd: int, hh: int = 12, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, dd, hh, mm, ss, tzinfo=CST)


def hx(seed: str, n: int = 32) -> str:
    """A stable hex id for an URL (the sites use opaque hex ids)."""
    return hashlib.sha1(seed.encode()).hexdigest()[:n]


# ----------------------------------------------------------------------------- Xinhua
XINHUA = [
    dict(
        id="X1",
        lang="zh-Hans",
        date=d(2023, 7, 4, 14, 22, 5),
        disc=["listing_zh"],
        topic="threat",
        url=f"https://www.news.cn/gangao/20230704/{hx('X1')}/c.html",
        editor="刘阳",
        tags=["香港", "国安法"],
        title="李家超：潜逃者唯一出路是自首 否则将被终身追缉",
        paras=[
            "新华社香港7月4日电（记者王旭）香港特区行政长官李家超4日表示，被香港警方通缉的8名潜逃者要结束被终身追缉的命运，唯一方法就是自首。",
            "李家超当日出席行政会议前会见传媒时说，这些人潜逃海外后仍继续从事危害国家安全的活动，警方依法采取执法行动，香港国安法具有域外效力。",
            "他表示，特区政府会终身追缉这些潜逃者，并呼吁市民不要向他们提供任何支援，否则可能触犯法律。",
        ],
    ),
    dict(
        id="X2",
        lang="zh-Hans",
        date=d(2024, 12, 24, 22, 31, 40),
        disc=["listing_zh"],
        topic="threat",
        url=f"https://www.news.cn/gangao/20241224/{hx('X2')}/c.html",
        editor="张樵苏",
        tags=["香港", "通缉"],
        title="香港警方通缉6名潜逃海外人员",
        paras=[
            "新华社香港12月24日电 香港警务处国家安全处24日宣布，法院已对6名潜逃海外人员发出通缉令，警方对每人悬红100万港元。",
            "被通缉人员包括钟翰林、刘康、张晓雯、钟剑华、郑敬基和何良懋，他们涉嫌煽动分裂国家、煽动颠覆国家政权及勾结外国或者境外势力危害国家安全等罪行。",
            "警方发言人表示，警方会追缉到底，敦促被通缉人员立即回港自首。",
        ],
    ),
    dict(
        id="X3",
        lang="zh-Hans",
        date=d(2025, 7, 25, 22, 48, 12),
        disc=["listing_zh"],
        topic="threat",
        url=f"https://www.news.cn/gangao/20250725/{hx('X3')}/c.html",
        editor="王立",
        tags=["香港", "港澳办"],
        title="国务院港澳办发言人：坚定支持香港警方依法通缉“香港议会”涉案人员",
        paras=[
            "新华社北京7月25日电 国务院港澳办发言人25日表示，坚定支持香港特区警方依法对所谓“香港议会”涉案人员发出通缉令。",
            "发言人指出，所谓“香港议会”妄图另立“政权”，是公然颠覆国家政权的严重犯罪行为。反中乱港分子无论逃到哪里，都将受到法律的严惩。",
            "发言人强调，任何外部势力为这些逃犯提供庇护、撑腰打气，都是对中国内政的粗暴干涉，注定不会得逞。",
        ],
    ),
    dict(
        id="X4",
        lang="zh-Hans",
        date=d(2025, 7, 26, 15, 3, 20),
        disc=["listing_zh"],
        topic="negative",
        url=f"https://www.news.cn/gangao/20250726/{hx('X4')}/c.html",
        editor="刘阳",
        tags=["香港", "机场"],
        title="香港国际机场暑期客运量预计创新高",
        paras=[
            "新华社香港7月26日电 香港机场管理局26日表示，随着暑期出行高峰到来，香港国际机场7月至8月的客运量预计创下疫情后新高。",
            "机管局表示，已增加客运大楼人手，并与航空公司合作优化登机流程，提醒旅客预留充足时间办理登机手续。",
        ],
    ),
    dict(
        id="X5",
        lang="en",
        date=d(2023, 7, 4, 16, 5, 10),
        disc=["listing_en"],
        topic="threat",
        url=f"https://english.news.cn/20230704/{hx('X5')}/c.html",
        editor="Huaxia",
        title="HKSAR chief says absconders will be pursued for life",
        paras=[
            "HONG KONG, July 4 (Xinhua) -- Chief Executive of the Hong Kong Special Administrative Region (HKSAR) "
            "John Lee said on Tuesday that the only way for eight wanted absconders to end their fate of being "
            "pursued for life is to surrender.",
            "The HKSAR police on Monday issued arrest warrants for the eight people, who are suspected of offences "
            "under the national security law, and offered rewards of 1 million Hong Kong dollars each.",
            "Lee said the HKSAR government will pursue them for life, and called on the public not to provide any "
            "support to them.",
        ],
    ),
    dict(
        id="X6",
        lang="en",
        date=d(2025, 7, 25, 23, 2, 45),
        disc=["listing_en"],
        topic="threat",
        url=f"https://english.news.cn/20250725/{hx('X6')}/c.html",
        editor="Zhang Yuan",
        title='HK police issue arrest warrants for 19 involved in so-called "Hong Kong Parliament"',
        paras=[
            "HONG KONG, July 25 (Xinhua) -- The national security department of the Hong Kong police on Friday "
            "issued arrest warrants for 19 people suspected of subversion over their roles in the so-called "
            '"Hong Kong Parliament".',
            "Police offered rewards of 200,000 Hong Kong dollars each for 15 of them. The other four had been "
            "wanted with rewards of 1 million Hong Kong dollars.",
            "A spokesperson for the Hong Kong and Macao Affairs Office of the State Council said the central "
            "government firmly supports the police action, adding that anti-China elements will be severely "
            "punished by law no matter where they flee.",
        ],
    ),
    dict(
        id="X7",
        lang="en",
        date=d(2025, 7, 26, 18, 20, 0),
        disc=["listing_en"],
        topic="negative",
        url=f"https://english.news.cn/20250726/{hx('X7')}/c.html",
        editor="Huaxia",
        title="Mainland tourists flock to Hong Kong for summer holidays",
        paras=[
            "HONG KONG, July 26 (Xinhua) -- Mainland tourists have been arriving in Hong Kong in large numbers "
            "since the start of the summer holidays, with family trips and theme parks among the top choices.",
            "The Hong Kong Tourism Board said visitor arrivals in the first half of the year rose about 12 percent "
            "year on year.",
        ],
    ),
    dict(
        id="X8",
        lang="zh-Hans",
        date=d(2025, 7, 20, 11, 40, 2),
        disc=["listing_zh"],
        topic="negative",
        url=f"https://www.news.cn/gangao/20250720/{hx('X8')}/c.html",
        editor="刘阳",
        tags=["香港", "台风"],
        title="台风“韦帕”影响香港 香港天文台发出十号飓风信号",
        paras=[
            "新华社香港7月20日电 受台风“韦帕”影响，香港天文台20日上午发出十号飓风信号，这是今年香港首次发出最高级别热带气旋警告信号。",
            "香港特区政府启动紧急应变机制，开放临时庇护中心。香港机场管理局表示，大量航班取消或延误。",
        ],
    ),
]

# ----------------------------------------------------------------------------- People's Daily
PEOPLE = [
    dict(
        id="PD1",
        lang="zh-Hans",
        date=d(2023, 7, 5, 8, 36),
        disc=["listing_zh"],
        topic="threat",
        url="http://hm.people.com.cn/n1/2023/0705/c42272-40028163.html",
        source="人民网－港澳频道",
        editor="刘洁妍、黄钰涵",
        tags=["外交部", "香港"],
        encoding="gbk",
        header_charset="GB2312",
        meta_charset="gb2312",
        note="served as GBK bytes; <meta> and the Content-Type header declare GB2312 (correct, as the site does)",
        title="外交部：坚定支持香港特区依法追缉反中乱港分子",
        paras=[
            "人民网北京7月5日电 外交部发言人毛宁4日在例行记者会上表示，中方坚定支持香港特区政府和警方依法履职、维护国家安全。",
            "毛宁说，个别国家公然为反中乱港分子提供庇护，中方对此强烈不满、坚决反对。香港不是法外之地，任何人都不能以所谓“自由”为名逃避法律制裁。",
            "她强调，有关国家应当尊重中国主权和香港法治，停止以任何方式干预香港事务和中国内政。",
        ],
    ),
    dict(
        id="PD2",
        lang="zh-Hans",
        date=d(2024, 12, 25, 9, 12),
        disc=["listing_zh"],
        topic="threat",
        url="http://hm.people.com.cn/n1/2024/1225/c42272-40388512.html",
        source="人民网",
        editor="林露、陈羽",
        tags=["人民网评", "香港"],
        meta_charset="GB2312",
        header_charset="",
        note="UTF-8 bytes but <meta> declares GB2312 and the header sends no charset (wrong declaration)",
        title="人民网评：潜逃者再狡辩也难逃法网",
        paras=[
            "香港警方再对6名潜逃海外的反中乱港分子发出通缉令，特区政府同日对7名潜逃者采取取消护照等措施。",
            "这些人以为躲在外国就可以高枕无忧，继续勾连外部势力、抹黑香港。然而法网恢恢，疏而不漏，香港国安法和维护国家安全条例具有域外效力，他们终将为自己的行为付出代价。",
            "唯一的出路，就是放弃幻想、回港自首。",
        ],
    ),
    dict(
        id="PD3",
        lang="zh-Hans",
        date=d(2022, 2, 21, 10, 5),
        disc=["listing_zh"],
        topic="hard_negative",
        url="http://hm.people.com.cn/n1/2022/0221/c42272-32356120.html",
        source="人民网－港澳频道",
        editor="刘洁妍",
        meta_charset="UTF-8",
        tags=["深圳", "疫情防控"],
        title="深圳加强道路卡口查验 劝返非必要出行车辆",
        paras=[
            "人民网深圳2月21日电 为防范疫情扩散，深圳市在全市主要道路卡口加强查验，对没有48小时核酸检测阴性证明的非必要出行人员予以劝返。",
            "深圳交警提醒市民减少非必要出行，出行前提前准备好健康码和核酸检测证明，服从卡口工作人员指引。",
            "据介绍，各卡口已增派警力和志愿者，确保车辆有序通行，避免长时间拥堵。",
        ],
    ),
    dict(
        id="PD4",
        lang="en",
        date=d(2023, 12, 15, 9, 40),
        disc=["listing_en"],
        topic="threat",
        url="http://en.people.cn/n3/2023/1215/c90000-20110982.html",
        author="Xinhua",
        source="Xinhua",
        editor="Du Mingming, Liang Jun",
        title="HKSAR police issue arrest warrants for five more absconders",
        paras=[
            "The national security department of the Hong Kong Special Administrative Region (HKSAR) police on "
            "Thursday issued arrest warrants for five more absconders and offered rewards of 1 million Hong Kong "
            "dollars each.",
            "The five wanted people are Simon Cheng, Frances Hui, Joey Siu, Johnny Fok and Tony Choi, who are "
            "suspected of offences including incitement to secession and collusion with external forces.",
            "A police spokesperson said the police will continue to pursue the absconders and urged them to "
            "return and surrender.",
        ],
    ),
    dict(
        id="PD5",
        lang="en",
        date=d(2025, 7, 25, 16, 31),
        disc=["listing_en"],
        topic="negative",
        url="http://en.people.cn/n3/2025/0725/c90000-20345678.html",
        author="Chen Ruiqi",
        editor="Zhong Wenxing, Liang Jun",
        title="Hong Kong Book Fair draws crowds of young readers",
        paras=[
            "The annual Hong Kong Book Fair opened at the Hong Kong Convention and Exhibition Centre, drawing long "
            "queues of young readers and families on its first days.",
            "Organisers said more than 600 exhibitors from 30 countries and regions were taking part, with "
            "science fiction and travel writing among the most popular themes.",
        ],
    ),
    dict(
        id="PD6",
        lang="en",
        date=d(2025, 7, 24, 10, 20),
        disc=["listing_en"],
        topic="negative",
        url="http://en.people.cn/n3/2025/0724/c90000-20344870.html",
        author="Xinhua",
        source="Xinhua",
        editor="Hu Ximeng, Liang Jun",
        title="Chinese researchers breed drought-tolerant rice variety",
        paras=[
            "Chinese agricultural scientists have bred a new rice variety that keeps stable yields under drought "
            "conditions, according to a research team in central China.",
            "Field trials over three seasons showed the variety needs about a third less water than common "
            "varieties, the team said.",
        ],
    ),
]
PEOPLE_404 = (
    "http://en.people.cn/n3/2025/0724/c90000-20345001.html",
    "Summer camps open for Hong Kong and mainland students",
    "2025-07-24",
)

# ----------------------------------------------------------------------------- CGTN
CGTN = [
    dict(
        id="C1",
        lang="en",
        date=d(2023, 7, 4, 15, 12),
        disc=["listing"],
        topic="threat",
        url=f"https://news.cgtn.com/news/3d3d{hx('C1', 28)}/index.html",
        section="China",
        sources="Xinhua",
        content_encoding="gzip",
        note="stored with Content-Encoding: gzip (body gzip-compressed as on the wire)",
        title="HKSAR chief: absconders will be pursued for life unless they surrender",
        paras=[
            "Hong Kong Special Administrative Region Chief Executive John Lee said on Tuesday that eight "
            "absconders wanted by the police will be pursued for life, and that surrendering is their only way "
            "out.",
            "The city's police on Monday issued arrest warrants for the eight, including Nathan Law and Ted Hui, "
            "and offered rewards of 1 million Hong Kong dollars for each.",
            "Lee rejected criticism from some Western governments, saying the national security law has "
            "extraterritorial effect and that law enforcement action was taken in accordance with the law.",
        ],
    ),
    dict(
        id="C2",
        lang="en",
        date=d(2024, 12, 24, 21, 40),
        disc=["listing"],
        topic="threat",
        url=f"https://news.cgtn.com/news/3d3d{hx('C2', 28)}/index.html",
        section="China",
        sources="Xinhua",
        title="Hong Kong police offer HK$1 million rewards for six more absconders",
        paras=[
            "Hong Kong police on Tuesday issued arrest warrants for six absconders, including Tony Chung and "
            "Carmen Lau, offering a reward of 1 million Hong Kong dollars for each.",
            "On the same day, the Hong Kong Special Administrative Region government cancelled the passports of "
            "seven other absconders under the Safeguarding National Security Ordinance.",
            "Police said they would pursue the wanted people to the end.",
        ],
    ),
    dict(
        id="C3",
        lang="en",
        date=d(2025, 7, 25, 10, 5),
        disc=["listing"],
        topic="negative",
        url=f"https://news.cgtn.com/news/3d3d{hx('C3', 28)}/index.html",
        section="China",
        sources="Xinhua",
        title="China's summer grain harvest nears completion",
        paras=[
            "China's summer grain harvest is nearly complete, with more than 95 percent of the country's winter "
            "wheat harvested, the Ministry of Agriculture and Rural Affairs said.",
            "Officials said mechanized harvesting and timely weather services helped farmers cope with hot and "
            "dry conditions in parts of the north.",
        ],
    ),
    dict(
        id="C4",
        lang="en",
        date=d(2025, 7, 26, 14, 30),
        disc=["listing"],
        topic="negative",
        url=f"https://news.cgtn.com/news/3d3d{hx('C4', 28)}/index.html",
        section="China",
        sources="CGTN",
        title="Museums and theme parks packed as summer travel peaks",
        paras=[
            "Museums, theme parks and historic sites across China are drawing large crowds as the summer travel "
            "season peaks, with many requiring advance online booking.",
            "Travel platforms reported strong demand for family trips and study tours.",
        ],
    ),
]

# ----------------------------------------------------------------------------- China Daily
CD = "https://www.chinadaily.com.cn/a"
CDHK = "https://www.chinadailyhk.com/hk/article"
CHINA_DAILY = [
    dict(
        id="CD1",
        lang="en",
        date=d(2023, 7, 4, 7, 12),
        disc=["feed"],
        topic="threat",
        layout="cd",
        url=f"{CD}/202307/04/WS{hx('CD1', 24)}.html",
        author="WILLIAM XU in Hong Kong",
        tags=["Hong Kong", "national security"],
        title="HK police offer bounties for eight fugitives",
        paras=[
            "Hong Kong police on Monday issued arrest warrants for eight people who fled overseas and are accused "
            "of national security offences, offering a reward of HK$1 million for information leading to each "
            "arrest.",
            "The wanted people include former lawmakers Dennis Kwok and Ted Hui, and activists Nathan Law and "
            "Finn Lau. Police said they continued to endanger national security after leaving Hong Kong.",
            "Senior Superintendent Steve Li Kwai-wah of the police's National Security Department said the "
            "fugitives should surrender, warning that they would otherwise be pursued for life.",
        ],
    ),
    dict(
        id="CD2",
        lang="en",
        date=d(2025, 3, 26, 9, 30),
        disc=["feed"],
        topic="action",
        layout="cd",
        url=f"{CD}/202503/26/WS{hx('CD2', 24)}.html",
        author="CAO YIN",
        tags=["Sky Net", "anti-graft"],
        title="Sky Net 2025 campaign launched to hunt fugitives abroad",
        paras=[
            "China has launched this year's Sky Net campaign to track down corruption suspects who have fled "
            "abroad and recover illicit assets, the country's top anti-graft body said.",
            "The campaign involves the National Supervisory Commission, the Ministry of Public Security, the "
            "Supreme People's Procuratorate and the central bank. Its Fox Hunt operation targets economic crime "
            "suspects, and it will continue to seek Interpol red notices against key fugitives.",
            "Officials said persuading fugitives to return and turn themselves in would remain a main approach, "
            "and warned that fugitives have nowhere to hide.",
        ],
    ),
    dict(
        id="CD3",
        lang="en",
        date=d(2025, 7, 25, 17, 20),
        disc=["feed"],
        topic="negative",
        layout="cd",
        url=f"{CD}/202507/25/WS{hx('CD3', 24)}.html",
        author="LUO WANGSHU",
        tags=["rail", "summer travel"],
        title="Summer travel rush boosts railway passenger trips",
        paras=[
            "China's railways handled more than 15 million passenger trips a day on average in the first weeks of "
            "the summer travel season, China State Railway Group said.",
            "Additional trains have been added on routes to popular tourist destinations, and sleeper services "
            "have been expanded for family travellers.",
        ],
    ),
    dict(
        id="CD4",
        lang="en",
        date=d(2025, 7, 26, 10, 15),
        disc=["listing_hk"],
        topic="threat",
        layout="cdhk",
        url=f"{CDHK}/613210",
        author="Eugene Chan",
        tags=["national security", "absconders"],
        title="Absconders will be pursued to the end, Tang says",
        paras=[
            "Secretary for Security Chris Tang Ping-keung said on Saturday that the 19 people wanted over the "
            'so-called "Hong Kong Parliament" will be pursued to the end, no matter where they are.',
            "Tang said the police had solid evidence that the group organized a so-called election aimed at "
            "subverting State power, and warned residents not to take part in or fund the group's activities.",
            "He added that the government would consider specifying the absconders under the Safeguarding "
            "National Security Ordinance, which would allow their passports to be cancelled.",
        ],
    ),
    dict(
        id="CD5",
        lang="en",
        date=d(2025, 7, 25, 16, 25),
        disc=["listing_hk"],
        topic="negative",
        layout="cdhk",
        url=f"{CDHK}/613255",
        author="Gao Yinan",
        tags=["weather"],
        title="Hong Kong swelters as temperatures top 35 C",
        paras=[
            "Hong Kong sweltered under a Very Hot Weather Warning on Friday, with temperatures in parts of the "
            "New Territories exceeding 35 C.",
            "The Observatory said the hot spell would last into next week, and reminded outdoor workers to take "
            "regular breaks and drink plenty of water.",
        ],
    ),
    dict(
        id="CD7",
        lang="en",
        date=d(2025, 7, 20, 20, 10),
        disc=["feed"],
        topic="negative",
        layout="cd",
        url=f"{CD}/202507/20/WS{hx('CD7', 24)}.html",
        author="QIU QUANLIN in Guangzhou",
        tags=["typhoon"],
        title="Typhoon Wipha makes landfall in Guangdong",
        paras=[
            "Typhoon Wipha made landfall in Taishan, Guangdong province, on Sunday evening after sweeping past Hong "
            "Kong, where the highest typhoon signal was hoisted.",
            "Local authorities relocated residents from low-lying areas and suspended some ferry and rail services.",
        ],
    ),
    # The Chinese edition (中国日报网): same /a/YYYYMM/DD/WS<hex>.html scheme on china.chinadaily.com.cn
    dict(
        id="CD8",
        lang="zh-Hans",
        date=d(2025, 7, 26, 10, 5),
        disc=["listing_cn"],
        topic="negative",
        layout="cdcn",
        url=f"https://china.chinadaily.com.cn/a/202507/26/WS{hx('CD8', 24)}.html",
        author="中国日报记者 李明",
        tags=["暑期", "文旅"],
        title="暑期文旅消费持续升温 多地推出夜间游览线路",
        paras=[
            "进入暑期，各地文旅市场持续升温。多地推出夜间游览线路和研学项目，吸引家庭游客出行。",
            "业内人士表示，今年暑期出游需求旺盛，亲子游、研学游和避暑游成为热门选择，带动餐饮、住宿等相关消费增长。",
            "多地文旅部门提醒游客提前预约热门景区门票，合理安排行程，注意高温天气下的出行安全。",
        ],
    ),
]
CHINA_DAILY_EMPTY = (f"{CDHK}/613300", "Lawmakers call for more cooling centres", "2025-07-26")

# ----------------------------------------------------------------------------- Global Times
GT = "https://www.globaltimes.cn/page"
GLOBAL_TIMES = [
    dict(
        id="GT1",
        lang="en",
        date=d(2023, 7, 4, 22, 43),
        disc=["listing_en"],
        topic="threat",
        layout="gt",
        url=f"{GT}/202307/1293712.shtml",
        author="Chen Qingqing and Bai Yunyi",
        title="HK police's bounties send clear message: anti-China fugitives have nowhere to hide",
        paras=[
            "The Hong Kong police's move to issue arrest warrants and bounties for eight anti-China fugitives sends "
            "a clear message that those who endanger national security have nowhere to hide, experts said on "
            "Tuesday.",
            '"The national security law has extraterritorial effect. It does not matter where they are hiding; '
            'they will be held accountable," Lau Siu-kai, a consultant of the Chinese Association of Hong Kong '
            "and Macao Studies, told the Global Times.",
            "Observers noted that the fugitives' Western backers would only expose their double standards by "
            "offering them a safe haven.",
        ],
    ),
    dict(
        id="GT2",
        lang="en",
        date=d(2024, 12, 25, 20, 10),
        disc=["listing_en"],
        topic="hard_negative",
        layout="gt",
        url=f"{GT}/202412/1325610.shtml",
        author="GT staff reporters",
        title="Western NGOs' criticism of HK warrants 'hypocritical', experts say",
        paras=[
            "Several Western-backed NGOs have criticized the latest arrest warrants issued by the Hong Kong police, "
            "with Amnesty International describing the bounties as an attempt to intimidate critics overseas and "
            "Human Rights Watch calling for them to be withdrawn.",
            "Chinese experts dismissed the statements as hypocritical, noting that the same organizations had "
            "stayed silent about similar practices in Western countries.",
            "\"These groups are not neutral observers. Their reports are part of a campaign to smear Hong Kong's "
            'rule of law," a Beijing-based legal scholar said.',
        ],
    ),
    dict(
        id="GT3",
        lang="en",
        date=d(2025, 7, 25, 19, 30),
        disc=["listing_en"],
        topic="negative",
        layout="gt",
        url=f"{GT}/202507/1339522.shtml",
        author="Global Times",
        title="China's summer box office tops 5 billion yuan as animated films shine",
        paras=[
            "China's summer box office has surpassed 5 billion yuan, boosted by a string of domestic animated "
            "films, according to data from ticketing platform Maoyan.",
            "Industry analysts said family audiences were driving ticket sales this season.",
        ],
    ),
    dict(
        id="GT4",
        lang="zh-Hans",
        date=d(2024, 12, 25, 6, 50),
        disc=["listing_zh"],
        topic="threat",
        layout="hq",
        url=f"https://china.huanqiu.com/article/4K{hx('GT4', 9)}",
        source="环球时报",
        author="环球时报记者 倪浩",
        editor="张旺",
        tags=["香港", "通缉"],
        title="香港警方再通缉6名潜逃者 专家：天涯海角都要缉拿归案",
        paras=[
            "香港警方24日对钟翰林、刘康等6名潜逃海外的反中乱港分子发出通缉令，每人悬红100万港元。",
            "全国港澳研究会副会长刘兆佳对《环球时报》记者表示，国安法具有域外效力，这些人即使逃到天涯海角，也要缉拿归案。",
            "专家认为，某些西方国家为逃犯提供“避风港”，只会暴露其双重标准。",
        ],
    ),
    dict(
        id="GT5",
        lang="zh-Hans",
        date=d(2025, 7, 20, 9, 15),
        disc=["listing_zh"],
        topic="hard_negative",
        layout="hq",
        url=f"https://china.huanqiu.com/article/4N{hx('GT5', 9)}",
        source="环球网",
        author="环球网记者 赵觉珵",
        editor="李萌",
        tags=["天网", "平安城市"],
        title="“天网”视频监控系统升级 多地警方快速寻回走失老人儿童",
        paras=[
            "记者从多地公安机关了解到，随着“天网”视频监控系统升级，警方寻找走失老人和儿童的效率明显提高。",
            "据介绍，升级后的系统覆盖主要街道和公共场所，民警可在接报后迅速调取沿线画面，平均寻回时间大幅缩短。",
            "专家提醒，在使用视频监控的同时，也应依法保护公民个人信息。",
        ],
    ),
    dict(
        id="GT6",
        lang="zh-Hans",
        date=d(2024, 6, 21, 11, 20),
        disc=["listing_zh"],
        topic="threat",
        layout="hq",
        url=f"https://china.huanqiu.com/article/4I{hx('GT6', 9)}",
        source="环球网",
        author="环球网记者 陈青青",
        editor="王晓萌",
        tags=["台湾", "国台办"],
        title="两岸关系新规出台 国台办：对“台独”顽固分子依法惩治、终身追责",
        paras=[
            "最高人民法院、最高人民检察院、公安部、国家安全部、司法部21日联合发布关于依法惩治“台独”顽固分子分裂国家、煽动分裂国家犯罪的意见。",
            "国台办发言人表示，“台独”顽固分子不论身在何处，都将依法追究责任，对于分裂国家犯罪追诉期限不受限制，实行终身追责。",
            "发言人同时强调，惩治的是极少数“台独”顽固分子，不针对广大台湾同胞。",
        ],
    ),
    dict(
        id="GT7",
        lang="zh-Hans",
        date=d(2025, 7, 26, 10, 5),
        disc=["listing_zh"],
        topic="negative",
        layout="hq",
        url=f"https://china.huanqiu.com/article/4N{hx('GT7', 9)}",
        source="环球网",
        author="环球网记者",
        editor="李萌",
        tags=["高温", "电力"],
        title="多地发布高温预警 用电负荷创历史新高",
        paras=[
            "近日，我国多地持续高温，多个省份气象部门发布高温橙色预警，部分地区最高气温超过40℃。",
            "国家能源局表示，全国最大电力负荷连续创出历史新高，各地电网运行总体平稳，电力供应有保障。",
        ],
    ),
]

# ----------------------------------------------------------------------------- MPS
MPS = "https://www.mps.gov.cn/n2253534/n2253535"
MPS_ITEMS = [
    dict(
        id="M1",
        lang="zh-Hans",
        date=d(2025, 7, 24, 10, 0),
        disc=["p1"],
        topic="negative",
        url=f"{MPS}/c{9988000 + 141}/content.html",
        source="公安部交通管理局",
        title="公安部交管局发布暑期道路交通安全提示",
        paras=[
            "暑期来临，自驾出行、旅游出行明显增多。公安部交通管理局提醒广大驾驶人，出行前合理规划路线，避免疲劳驾驶。",
            "交管部门将加强对旅游景区周边道路和山区道路的巡逻管控，及时疏导交通。",
        ],
    ),
    dict(
        id="M2",
        lang="zh-Hans",
        date=d(2025, 7, 18, 9, 30),
        disc=["p1"],
        topic="hard_negative",
        url=f"{MPS}/c{9988000 + 87}/content.html",
        source="公安部网站",
        title="各地公安机关依托“天网”视频监控系统提升社会治安防控水平",
        paras=[
            "近年来，各地公安机关持续推进社会治安防控体系建设，依托“天网”视频监控系统，在打击盗窃、寻找走失人员等方面取得明显成效。",
            "公安部有关负责人表示，将进一步规范视频图像信息系统的建设和使用，依法保护个人隐私。",
        ],
    ),
    dict(
        id="M3",
        lang="zh-Hans",
        date=d(2025, 3, 27, 11, 0),
        disc=["p2"],
        topic="action",
        url=f"{MPS}/c{9876000 + 512}/content.html",
        source="公安部网站",
        title="公安部部署开展“猎狐2025”专项行动",
        paras=[
            "近日，公安部召开会议，部署开展“猎狐2025”专项行动，作为“天网2025”行动的重要组成部分，集中追缉外逃经济犯罪嫌疑人。",
            "会议要求，各级公安机关要综合运用国际执法合作、红色通缉令、劝返等多种手段，加大追逃追赃力度，让外逃人员无处藏身。",
            "会议强调，要敦促外逃人员认清形势，尽快回国投案自首，争取宽大处理。",
        ],
    ),
    dict(
        id="M4",
        lang="zh-Hans",
        date=d(2024, 12, 27, 15, 0),
        disc=["p2"],
        topic="action",
        url=f"{MPS}/c{9812000 + 33}/content.html",
        source="公安部网站",
        title="“猎狐2024”专项行动取得显著成效 一批外逃人员被缉捕劝返",
        paras=[
            "记者从公安部获悉，“猎狐2024”专项行动开展以来，全国公安机关从多个国家和地区缉捕、劝返一批外逃经济犯罪嫌疑人。",
            "公安部有关负责人表示，通过国际警务合作，对部分重大外逃人员申请发布国际刑警组织红色通缉令，形成强大震慑。",
            "该负责人表示，追逃没有时效，不管逃到天涯海角，都要把外逃人员追回来。",
        ],
    ),
    dict(
        id="M5",
        lang="zh-Hans",
        date=d(2023, 11, 8, 10, 0),
        disc=["p3"],
        topic="threat",
        url=f"{MPS}/c{9301000 + 725}/content.html",
        source="公安部网站",
        title="公安部敦促外逃经济犯罪嫌疑人投案自首",
        paras=[
            "公安部有关负责人表示，对于外逃经济犯罪嫌疑人，公安机关将持续通过国际刑警组织发布红色通缉令，并积极开展劝返工作。",
            "该负责人敦促外逃人员珍惜机会，尽快回国投案自首；对拒不投案的，公安机关将依法追缉到底。",
            "公安机关同时提醒，任何单位和个人不得窝藏、包庇外逃人员。",
        ],
    ),
    dict(
        id="M6",
        lang="zh-Hans",
        date=d(2022, 1, 20, 16, 0),
        disc=["p3"],
        topic="hard_negative",
        url=f"{MPS}/c{8330000 + 219}/content.html",
        source="公安部交通管理局",
        title="公安交管部门全力做好春运道路交通安全和疫情防控工作",
        paras=[
            "春运期间，各地公安交管部门在高速公路服务区和省际卡口配合卫生健康部门开展疫情防控查验，对不符合防疫要求的车辆人员予以劝返。",
            "公安部交管局提醒返乡群众提前了解目的地防疫政策，合理安排出行时间。",
        ],
    ),
    dict(
        id="M7",
        lang="zh-Hans",
        date=d(2025, 7, 21, 10, 0),
        disc=["p1"],
        topic="hard_negative",
        url=f"{MPS}/c{9988000 + 12}/content.html",
        source="公安部网站",
        title="公安部部署开展夏季治安打击整治行动 加大网上追逃力度",
        paras=[
            "公安部近日部署全国公安机关开展夏季治安打击整治行动，严厉打击各类违法犯罪，全力维护社会治安稳定。",
            "行动要求加大对国内在逃人员的网上追逃力度，依法从严惩处暴力犯罪、盗抢骗等群众反映强烈的突出违法犯罪。",
        ],
    ),
]

# ----------------------------------------------------------------------------- CCDI
CCDI_T = "https://www.ccdi.gov.cn/toutiaon"
CCDI_G = "https://www.ccdi.gov.cn/gjhzn"
CCDI_ITEMS = [
    dict(
        id="CC1",
        lang="zh-Hans",
        date=d(2025, 7, 24, 18, 0),
        disc=["toutiaon_p1"],
        topic="action",
        url=f"{CCDI_T}/202507/t20250724_445512.html",
        title="“天网2025”行动持续推进 一批外逃人员落网归案",
        paras=[
            "记者从中央反腐败协调小组国际追逃追赃工作办公室获悉，“天网2025”行动开展以来，各地各部门密切协作，从多个国家和地区追回一批外逃人员。",
            "中央追逃办有关负责人表示，将坚持追逃防逃追赃一体推进，综合运用引渡、遣返、劝返等手段，决不让腐败分子逍遥法外。",
            "该负责人强调，外逃人员唯有主动投案才是正确选择，“天网”恢恢，终难逃脱。",
        ],
    ),
    dict(
        id="CC2",
        lang="zh-Hans",
        date=d(2025, 7, 22, 17, 0),
        disc=["toutiaon_p1"],
        topic="negative",
        url=f"{CCDI_T}/202507/t20250722_444980.html",
        title="中央纪委国家监委公开通报五起违反中央八项规定精神典型问题",
        paras=[
            "日前，中央纪委国家监委对五起违反中央八项规定精神典型问题进行公开通报，涉及违规收受礼品礼金、违规公款吃喝等问题。",
            "通报指出，各级党组织要驰而不息纠治“四风”，坚决防止享乐主义、奢靡之风反弹回潮。",
        ],
    ),
    dict(
        id="CC3",
        lang="zh-Hans",
        date=d(2025, 3, 26, 10, 0),
        disc=["toutiaon_p2"],
        topic="action",
        url=f"{CCDI_T}/202503/t20250326_418251.html",
        title="中央追逃办部署开展“天网2025”行动",
        paras=[
            "经中央反腐败协调小组同意，“天网2025”行动近日正式启动，国家监委、最高人民检察院、公安部、中国人民银行等单位分别牵头开展专项行动。",
            "行动将聚焦重点个案，加大对外逃人员的追缉力度，依法申请发布红色通缉令，并强化防逃管控。",
        ],
    ),
    dict(
        id="CC4",
        lang="zh-Hans",
        date=d(2024, 12, 31, 9, 0),
        disc=["toutiaon_p3"],
        topic="negative",
        url=f"{CCDI_T}/202412/t20241231_397602.html",
        title="以严的基调强化正风肃纪 推动全面从严治党向纵深发展",
        paras=[
            "过去一年，各级纪检监察机关坚持严的基调，持续加强对权力运行的监督，推动全面从严治党取得新成效。",
            "文章指出，要把严的要求贯彻到管党治党全过程，巩固拓展主题教育成果。",
        ],
    ),
    dict(
        id="CC5",
        lang="zh-Hans",
        date=d(2025, 6, 18, 15, 30),
        disc=["gjhzn_p1"],
        topic="action",
        url=f"{CCDI_G}/202506/t20250618_437120.html",
        title="外逃十余年 一名职务犯罪嫌疑人被劝返回国投案",
        paras=[
            "在中央追逃办统筹协调下，经有关地方纪检监察机关和公安机关共同努力，一名外逃十余年的职务犯罪嫌疑人日前被劝返回国投案。",
            "办案人员介绍，通过做其亲属工作、开展国际执法合作等方式，最终促使其回国投案自首。",
            "有关负责人表示，对外逃人员将一追到底，主动投案是唯一出路。",
        ],
    ),
    dict(
        id="CC6",
        lang="zh-Hans",
        date=d(2025, 5, 20, 11, 0),
        disc=["gjhzn_p1"],
        topic="negative",
        url=f"{CCDI_G}/202505/t20250520_430776.html",
        title="中国代表团出席联合国反腐败公约履约审议会议",
        paras=[
            "近日，中国代表团出席《联合国反腐败公约》履约审议组会议，介绍了中国在预防腐败、资产追回等方面的经验做法。",
            "代表团表示，中方愿同各方加强交流合作，共同推进全球反腐败治理。",
        ],
    ),
    dict(
        id="CC7",
        lang="zh-Hans",
        date=d(2024, 11, 16, 10, 0),
        disc=["gjhzn_p2"],
        topic="threat",
        url=f"{CCDI_G}/202411/t20241116_391208.html",
        title="“百名红通人员”头号嫌犯杨秀珠归案八周年：追逃追赃永远在路上",
        paras=[
            "2016年11月16日，“百名红通人员”头号嫌犯杨秀珠回国投案自首。八年来，追逃追赃工作持续深化，一大批外逃人员被追回。",
            "文章回顾指出，杨秀珠案表明，不论外逃多久、逃得多远，都逃不出“天网”。对仍在外逃的人员，追逃追赃决不会停止。",
        ],
    ),
    dict(
        id="CC8",
        lang="zh-Hans",
        date=d(2024, 8, 28, 9, 30),
        disc=["gjhzn_p3"],
        topic="threat",
        url=f"{CCDI_G}/202408/t20240828_372244.html",
        title="中央追逃办发布部分外逃人员藏匿线索 鼓励社会各界积极举报",
        paras=[
            "中央反腐败协调小组国际追逃追赃工作办公室发布部分外逃人员藏匿线索，鼓励社会各界和知情人员积极提供线索。",
            "公告敦促外逃人员尽快回国投案自首，争取从宽处理；对拒不投案者，将依法追缉到底。",
        ],
    ),
]

# ----------------------------------------------------------------------------- TAO
TAO = "http://www.gwytb.gov.cn/xwdt/xwfb/xwfbh"
TAO_ITEMS = [
    dict(
        id="TA1",
        lang="zh-Hans",
        date=d(2025, 7, 23, 11, 0),
        disc=["p1"],
        topic="negative",
        url=f"{TAO}/202507/t20250723_12705412.htm",
        editor="王尧",
        title="国台办新闻发布会：欢迎更多台湾青年来大陆参加夏令营",
        paras=[
            "国台办发言人在新闻发布会上表示，今年暑期已有多批台湾青年来大陆参加交流活动和夏令营，欢迎更多台湾青年来走走看看。",
            "发言人说，有关部门将继续为台湾同胞来大陆学习、就业、创业提供便利。",
        ],
    ),
    dict(
        id="TA2",
        lang="zh-Hans",
        date=d(2025, 7, 9, 11, 0),
        disc=["p1"],
        topic="negative",
        url=f"{TAO}/202507/t20250709_12702260.htm",
        editor="张霞",
        title="国台办：持续优化台胞来大陆旅游便利措施",
        paras=[
            "国台办发言人表示，大陆方面持续推出便利台湾同胞来大陆旅游的措施，多个口岸开通台胞证快速通关服务。",
            "发言人表示，希望两岸旅游交流早日恢复正常。",
        ],
    ),
    dict(
        id="TA3",
        lang="zh-Hans",
        date=d(2024, 6, 21, 10, 0),
        disc=["p2"],
        topic="threat",
        url=f"{TAO}/202406/t20240621_12628915.htm",
        editor="王尧",
        title="国台办：依法惩治“台独”顽固分子 对其终身追责",
        paras=[
            "国台办发言人就两高三部联合发布《关于依法惩治“台独”顽固分子分裂国家、煽动分裂国家犯罪的意见》答记者问。",
            "发言人指出，“台独”顽固分子分裂国家、煽动分裂国家，罪行严重，必须依法惩治。对于分裂国家犯罪，追诉期限不受限制，将终身追责。",
            "发言人强调，《意见》针对的是极少数“台独”顽固分子，广大台湾同胞不必担心。",
        ],
    ),
    dict(
        id="TA4",
        lang="zh-Hans",
        date=d(2024, 10, 14, 10, 30),
        disc=["p2"],
        topic="action",
        url=f"{TAO}/202410/t20241014_12656342.htm",
        editor="张霞",
        title="国台办：对“台独”顽固分子沈伯洋、曹兴诚及“黑熊学院”依法惩戒",
        paras=[
            "国台办发言人宣布，将沈伯洋、曹兴诚列为“台独”顽固分子，将“黑熊学院”列为“台独”分裂组织，依法对其实施惩戒。",
            "发言人表示，禁止其本人及其关联企业和金主在大陆进行任何形式的交易合作，对其依法终身追责。",
        ],
    ),
    dict(
        id="TA5",
        lang="zh-Hans",
        date=d(2022, 8, 16, 10, 0),
        disc=["p3"],
        topic="action",
        url=f"{TAO}/202208/t20220816_12462811.htm",
        editor="王尧",
        title="国台办公布一批“台独”顽固分子清单",
        paras=[
            "国台办发言人宣布，将萧美琴、顾立雄、蔡其昌、柯建铭、林飞帆、陈椒华、王定宇列入“台独”顽固分子清单，依法实施惩戒。",
            "发言人表示，对“台独”顽固分子依法惩治、终身追责，禁止其到大陆及香港、澳门特别行政区。",
        ],
    ),
]

# ----------------------------------------------------------------------------- MFA
MFA_ZH = "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889"
MFA_EN = "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403"
MFA_ITEMS = [
    dict(
        id="MF1",
        lang="zh-Hans",
        date=d(2025, 7, 25, 19, 30),
        disc=["zh_p1"],
        topic="threat",
        url=f"{MFA_ZH}/202507/t20250725_11678210.shtml",
        title="2025年7月25日外交部发言人郭嘉昆主持例行记者会",
        paras=[
            "法新社记者：香港警方今天对19名所谓“香港议会”成员发出通缉令，一些国家表示关切。外交部对此有何评论？",
            "郭嘉昆：香港特区警方依法对危害国家安全的犯罪分子采取执法行动，正当合法，中方坚定支持。香港是法治社会，任何人不能以任何借口逃避法律制裁。",
            "我们敦促有关国家停止为反中乱港分子提供庇护，不要成为逃犯的“避风港”。",
            "彭博社记者：关于近期国际油价波动，中方有何看法？",
            "郭嘉昆：这个问题请向主管部门了解。",
        ],
    ),
    dict(
        id="MF2",
        lang="zh-Hans",
        date=d(2025, 7, 22, 16, 0),
        disc=["zh_p1"],
        topic="negative",
        url=f"{MFA_ZH}/202507/t20250722_11675533.shtml",
        title="外交部发言人就某国发生严重洪灾答记者问",
        paras=[
            "问：近日，某国部分地区遭遇严重洪灾，造成重大人员伤亡。中方对此有何表示？",
            "答：中方对遇难者表示沉痛哀悼，向遇难者家属和受灾民众表示诚挚慰问。中方愿根据对方需要提供力所能及的帮助。",
        ],
    ),
    dict(
        id="MF3",
        lang="zh-Hans",
        date=d(2023, 7, 4, 18, 0),
        disc=["zh_p2"],
        topic="threat",
        url=f"{MFA_ZH}/202307/t20230704_11107622.shtml",
        title="2023年7月4日外交部发言人毛宁主持例行记者会",
        paras=[
            "路透社记者：香港警方对8名身处海外人士发出通缉令并悬红，英国、美国和澳大利亚对此提出批评。外交部有何回应？",
            "毛宁：香港警方依法处理危害国家安全的犯罪行为，正当合法，中方坚定支持。我们强烈不满和坚决反对个别国家公然为反中乱港分子提供庇护。",
            "香港国安法具有域外效力。任何国家都不应成为犯罪分子的“避风港”。",
        ],
    ),
    dict(
        id="MF4",
        lang="zh-Hans",
        date=d(2023, 12, 15, 18, 0),
        disc=["zh_p2"],
        topic="threat",
        url=f"{MFA_ZH}/202312/t20231215_11203412.shtml",
        title="2023年12月15日外交部发言人汪文斌主持例行记者会",
        paras=[
            "记者：香港警方14日再通缉5名潜逃海外人员，美方称此举是“跨国镇压”。外交部对此有何评论？",
            "汪文斌：香港特区依法追缉潜逃的危害国家安全犯罪分子，是维护国家安全的正当之举。所谓“跨国镇压”的说法完全是颠倒黑白。",
            "我们敦促有关国家停止干预香港事务，停止为逃犯撑腰打气。",
        ],
    ),
    dict(
        id="MF5",
        lang="zh-Hans",
        date=d(2022, 11, 1, 18, 0),
        disc=["zh_p3"],
        topic="hard_negative",
        url=f"{MFA_ZH}/202211/t20221101_10795511.shtml",
        title="2022年11月1日外交部发言人赵立坚主持例行记者会",
        paras=[
            "记者：有外国非政府组织报告称中国在海外设立所谓“海外警察站”。外交部对此有何回应？",
            "赵立坚：我们已多次阐明立场。所谓“海外警察站”根本不存在。有关海外服务站由当地侨团设立，旨在为有需要的海外同胞提供驾照换证等服务，与所谓执法活动毫无关系。",
            "我们希望有关方面不要借题发挥、炒作抹黑。",
        ],
    ),
    dict(
        id="ME1",
        lang="en",
        date=d(2025, 7, 25, 20, 30),
        disc=["en_p1"],
        topic="threat",
        url=f"{MFA_EN}/202507/t20250725_11678333.shtml",
        title="Foreign Ministry Spokesperson Guo Jiakun's Regular Press Conference on July 25, 2025",
        paras=[
            'AFP: Hong Kong police today issued arrest warrants for 19 members of the so-called "Hong Kong '
            "Parliament\". Some countries have expressed concern. What's your comment?",
            "Guo Jiakun: The Hong Kong police took law enforcement action against criminals who endanger national "
            "security in accordance with the law. This is legitimate and justified, and we firmly support it. "
            "No one should be allowed to evade legal sanctions under any pretext.",
            "We urge the relevant countries to stop harboring anti-China elements who seek to destabilize Hong Kong "
            "and stop providing a safe haven for fugitives.",
            "Bloomberg: Do you have any comment on recent fluctuations in oil prices?",
            "Guo Jiakun: I'd refer you to the competent authorities.",
        ],
    ),
    dict(
        id="ME2",
        lang="en",
        date=d(2025, 7, 22, 17, 0),
        disc=["en_p1"],
        topic="negative",
        url=f"{MFA_EN}/202507/t20250722_11675600.shtml",
        title="Foreign Ministry Spokesperson's Remarks on Severe Floods",
        paras=[
            "Question: Severe floods have recently hit parts of a country and caused heavy casualties. What is "
            "China's response?",
            "Answer: China mourns for the victims and extends sincere sympathies to the bereaved families and the "
            "affected people. China stands ready to provide assistance as needed.",
        ],
    ),
    dict(
        id="ME3",
        lang="en",
        date=d(2023, 7, 4, 19, 0),
        disc=["en_p2"],
        topic="threat",
        url=f"{MFA_EN}/202307/t20230704_11107701.shtml",
        title="Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on July 4, 2023",
        paras=[
            "Reuters: Hong Kong police have issued arrest warrants and bounties for eight people overseas. The UK, "
            "the US and Australia have criticized the move. What's the foreign ministry's response?",
            "Mao Ning: The Hong Kong police handled crimes endangering national security in accordance with the "
            "law. It is legitimate and justified, and we firmly support it. We strongly deplore and oppose certain "
            "countries' blatant act of providing shelter to anti-China elements.",
            "The national security law for Hong Kong has extraterritorial effect. No country should become a safe "
            "haven for criminals.",
        ],
    ),
    dict(
        id="ME4",
        lang="en",
        date=d(2022, 11, 1, 19, 0),
        disc=["en_p3"],
        topic="hard_negative",
        url=f"{MFA_EN}/202211/t20221101_10795600.shtml",
        title="Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on November 1, 2022",
        paras=[
            'Question: An NGO report says China has set up so-called "overseas police stations" in other '
            "countries. What's your response?",
            "Zhao Lijian: We have made clear our position. There are no so-called overseas police stations at all. "
            "The service stations are run by local overseas Chinese communities to help those in need, for "
            "example with renewing driving licenses. They have nothing to do with law enforcement.",
            "We hope the relevant parties will not hype up the issue or use it to smear China.",
        ],
    ),
]
