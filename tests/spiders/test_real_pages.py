"""Every real saved article and listing page in ../shared/corpus/real, through the extractor.

The corpus is not copied into the repo (it is others' saved copies of public pages);
these tests read it from the ``shared`` folder beside the repo and skip when it is absent.
Expected titles, dates and first/last sentences were read off the pages themselves.
URLs come from PROVENANCE.md; where it records none (some ccdi files, the people.com.cn
culture article, the huanqiu article, the CGTN share-layout page) a URL in the site's
own scheme is built from the file name or the page's date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from longarm.spiders.extraction import extract_document, extract_links
from longarm.spiders.registry import get_registry, source_for_url

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"

# Strings that are page chrome on these sites and must never reach the text.
CHROME = [
    "分享到",
    "版权所有",
    "版權所有",
    "Copyright",
    "©",
    "京ICP",
    "Back to top",
    "Back to Index Page",
    "Today's Press Releases",
    "Yesterday's Press Releases",
    "Font Size",
    "推荐给朋友",
    "相关新闻",
    "[字体",
    "发布时间",
    "返回首页",
    "上一页",
    "关注新华网",
    "加载更多",
    "责任编辑",
    "责编",
    "推荐阅读",
    "人民日报客户端",
    "SITEMAP",
    "DOWNLOAD OUR APP",
    "EXPLORE MORE",
    "Copied",
    "Go to main content",
    "外交部长",
    "The Ministry",
    "Press and Media Service",
    "网站声明",
    "关于我们",
    "登录人民网通行证",
    "热点推荐",
]
CHROME_WORDS = re.compile(r"\bShare\b|^Print$|^Email$|^首页$|^图集$", re.M)

# (file under corpus/real, original URL, title, published_at, lang, first sentence, last sentence)
ARTICLES = [
    (
        "ccdi/t20220531_196148.html",
        "https://www.ccdi.gov.cn/toutiaon/202205/t20220531_196148.html",
        "中国方正出版社2022年4月新书",
        "2022-05-31T17:00:00+08:00",
        "zh-Hans",
        "一、《国家监察委员会最高人民检察院发布的5起行贿犯罪典型案例》（单行本）",
        "联系我们：010-66560933/59592471",
    ),
    (
        "ccdi/t20220905_215850.html",
        "https://www.ccdi.gov.cn/toutiaon/202209/t20220905_215850.html",
        "中央纪委国家监委公开通报十起违反中央八项规定精神典型问题",
        "2022-09-05T18:00:00+08:00",
        "zh-Hans",
        "日前，中央纪委国家监委对10起违反中央八项规定精神典型问题进行公开通报。",
        "际找准节日期间易发多发的“四风”问题，紧盯关键少数、重点场所，加大监督检查、明察暗访力度，严查违规违纪问题，确保节日风清气正，为党的二十大胜利召开营造良好氛围。",
    ),
    (
        "ccdi/t20221222_237684.html",
        "https://www.ccdi.gov.cn/toutiaon/202212/t20221222_237684.html",
        "中央纪委国家监委公开通报十起违反中央八项规定精神典型问题",
        "2022-12-22T17:00:00+08:00",
        "zh-Hans",
        "元旦、春节将至，落实中央八项规定精神必须坚定不移、严之又严。",
        "监督检查、明察暗访、教育引导的力度，既让铁纪“长牙”、发威，又让干部醒悟、知止，推动广大党员干部牢记“三个务必”，真抓实干、团结奋斗，以好作风好形象奋进新时代！",
    ),
    (
        "ccdi/t20230129_243305.html",
        "https://www.ccdi.gov.cn/toutiaon/202301/t20230129_243305.html",
        "中央纪委国家监委公开通报十起粮食购销领域违纪违法典型案例",
        "2023-01-29T18:00:00+08:00",
        "zh-Hans",
        "近年来，各级纪检监察机关会同发改、财政、国资、市场监管、粮食等部门开展了粮食购销领域腐败问题专项整治，纠治了一批突出问题，查处了一批典型案件，推动完善了一批监管",
        "找制度漏洞、监管漏洞，一体谋划和推动以案促改、促治，加快推进智慧粮库建设，深化粮食储备和购销体制机制改革，推动粮食购销领域腐败问题系统治理、长效治理取得新成效。",
    ),
    (
        "ccdi/t20230220_247720.html",
        "https://www.ccdi.gov.cn/toutiaon/202302/t20230220_247720.html",
        "中央纪委国家监委公开通报借培训之名组织公款旅游典型问题",
        "2023-02-20T18:00:00+08:00",
        "zh-Hans",
        "为深入贯彻党的二十大和习近平总书记在二十届中央纪委二次全会上的重要讲话精神，锲而不舍落实中央八项规定精神，严肃整治反复性顽固性、改头换面、隐蔽隐性问题，中央纪委",
        "管理、发票开具、财务报销等关键环节，堵塞管理漏洞，推动健全作风建设长效机制；要推动全链条压实作风建设责任，完善各类监督贯通协调机制，形成纠治“四风”的强大合力。",
    ),
    (
        "ccdi/t20230420_259676.html",
        "https://www.ccdi.gov.cn/toutiaon/202304/t20230420_259676.html",
        "中央纪委国家监委公开通报十起违反中央八项规定精神典型问题",
        "2023-04-20T18:00:00+08:00",
        "zh-Hans",
        "“五一”、端午节假将至，落实中央八项规定精神必须坚守节点、寸步不让。",
        "，从严从重查处违规违纪行为，深挖细查背后是否存在利益勾兑、权钱交易等问题，及时通报典型案例，坚决防止“四风”问题反弹回潮，以有力有效的举措确保节日期间风清气正。",
    ),
    (
        "ccdi/t20230427_261287.html",
        "https://www.ccdi.gov.cn/toutiaon/202304/t20230427_261287.html",
        "中央纪委国家监委公开通报青海省6名党员领导干部严重违反中央八项规定精神问题",
        "2023-04-27T18:00:00+08:00",
        "zh-Hans",
        "日前，中央纪委国家监委提级审查调查并指导青海省纪委监委，严肃查处并公开通报了青海省6名党员领导干部在参加青海省党政主要领导干部学习贯彻党的二十大精神培训班期间严",
        "加强对“一把手”落实中央八项规定精神的监督，坚决反对特权思想和特权现象，推动“一把手”严于律己、严负其责、严管所辖，引领广大党员干部不断将党的作风建设引向深入。",
    ),
    (
        "ccdi/t20230711_274599.html",
        "https://www.ccdi.gov.cn/toutiaon/202307/t20230711_274599.html",
        "中央纪委国家监委公开通报十起加重基层负担的形式主义、官僚主义典型问题",
        "2023-07-11T18:00:00+08:00",
        "zh-Hans",
        "二十届中央纪委二次全会强调，要持续深化纠治“四风”，重点纠治形式主义、官僚主义。",
        "引导，推动对标党风要求找差距、对表党性要求查根源、对照党纪要求明举措，守牢思想防线、行为红线，大力发扬真抓实干、担当作为的时代新风，切实为基层减负、为干部鼓劲。",
    ),
    (
        "ccdi/t20230920_295026.html",
        "https://www.ccdi.gov.cn/toutiaon/202309/t20230920_295026.html",
        "中央纪委国家监委公开通报七起违反中央八项规定精神典型问题",
        "2023-09-20T18:00:00+08:00",
        "zh-Hans",
        "中秋、国庆节假将至，落实中央八项规定精神必须严字当头、毫不松懈。",
        "要加大监督查处力度，加强监督检查、明察暗访，对节日“四风”问题彻查严处，对典型案例及时通报曝光，持续释放严的强烈信号。",
    ),
    (
        "ccdi/t20231227_317460.html",
        "https://www.ccdi.gov.cn/toutiaon/202312/t20231227_317460.html",
        "中央纪委国家监委公开通报六起形式主义、官僚主义典型问题",
        "2023-12-27T17:00:00+08:00",
        "zh-Hans",
        "中央经济工作会议对广大党员干部涵养优良作风、推动高质量发展提出明确要求，强调要不折不扣抓落实、雷厉风行抓落实、求真务实抓落实、敢作善为抓落实。",
        "化系统施治，紧盯领导机关和领导干部，紧盯党性觉悟根源，紧盯政绩观、权力观，科学精准靶向施策，大力发扬真抓实干、担当作为、团结奋斗的时代新风，凝聚磅礴的奋进力量。",
    ),
    (
        "ccdi/t20240129_325265.html",
        "http://www.ccdi.gov.cn/toutiaon/202401/t20240129_325265.html",
        "中央纪委国家监委公开通报七起违反中央八项规定精神典型问题",
        "2024-01-29T17:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站讯 二十届中央纪委三次全会对突出常态长效深化落实中央八项规定精神作出部署。",
        "”、以培训考察和党建活动为名公款旅游、借婚宴之机违规收礼、违规借用管理和服务对象车辆等问题，加大典型案例通报力度，坚决遏制不正之风，着力营造风清气正的节日氛围。",
    ),
    (
        "ccdi/t20240204_326880.html",
        "http://zgjjjc.ccdi.gov.cn/bqml/bqxx/202402/t20240204_326880.html",
        "从月报数据看纠治“四风”形与势 ——解读2023年全国查处违反中央八项规定精神问题月报数据",
        "2024-02-04T00:00:00+08:00",
        "zh-Hans",
        "2024年1月28日，中央纪委国家监委公布了2023年12月全国查处违反中央八项规定精神问题数据。",
        "题的高发期，也反映出各级纪检监察机关把狠抓节点摆在更加突出的位置，持之以恒纠治，坚决防反弹回潮、防隐形变异、防疲劳厌战，以强有力监督执纪问责，持续净化节日风气。",
    ),
    (
        "ccdi/t20240206_327454.html",
        "http://www.ccdi.gov.cn/lyb2n/202402/t20240206_327454.html",
        "网言网语丨风清气正过佳节",
        "2024-02-06T15:15:00+08:00",
        "zh-Hans",
        "“廉不廉看过年，洁不洁看过节”。",
        "（中央纪委国家监委网站 斯凌整理）",
    ),
    (
        "ccdi/t20240228_330973.html",
        "http://www.ccdi.gov.cn/yaowenn/202402/t20240228_330973.html",
        "依规依纪依法处理检举控告 及时回应群众关切",
        "2024-02-28T16:36:00+08:00",
        "zh-Hans",
        "今年1月25日，中央纪委国家监委公开通报2023年全国纪检监察机关监督检查审查调查情况。",
        "（石哲）",
    ),
    (
        "ccdi/t20240424_343546.html",
        "http://www.ccdi.gov.cn/toutiaon/202404/t20240424_343546.html",
        "中央纪委国家监委公开通报八起违规吃喝典型问题",
        "2024-04-24T17:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站讯 深化落实中央八项规定精神，必须紧盯违规吃喝这个顽瘴痼疾，坚持露头就打、严管严治，坚决防止反弹回潮，以重点问题的突破，带动纠治工作整体推进",
        "大明察暗访力度，多渠道发现问题线索，严肃纠治违规吃喝、违规收送礼品礼金、公款旅游等节日期间易发多发问题，及时通报典型案例，以有力有效举措，确保节日期间风清气正。",
    ),
    (
        "ccdi/t20240428_344537.html",
        "http://www.ccdi.gov.cn/toutiaon/202404/t20240428_344537.html",
        "深度关注丨亮剑违规吃喝顽疾",
        "2024-04-28T06:00:00+08:00",
        "zh-Hans",
        "“五一”节前公开通报释放强烈信号",
        "项规定精神问题，坚持严的基调，对顶风违纪行为露头就打，对隐形变异问题创新监督方式精准识别，严肃查处和通报一批典型案例，形成强有力震慑，确保党员干部风清气正过节。",
    ),
    (
        "ccdi/t20240430_345275.html",
        "http://www.ccdi.gov.cn/pln/202404/t20240430_345275.html",
        "本网评论丨坚守节点 严纠“四风”",
        "2024-04-30T06:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站 杨文佳",
        "要以全党正在开展的党纪学习教育为契机，推动各地区各部门强化作风纪律学习教育，让遵规守纪意识入脑入心，引导党员干部风清气正过节。",
    ),
    (
        "ccdi/t20240912_374829.html",
        "http://www.ccdi.gov.cn/toutiaon/202409/t20240912_374829.html",
        "中央纪委国家监委公开通报八起违反中央八项规定精神典型问题",
        "2024-09-12T18:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站讯 中秋、国庆节假将至，落实中央八项规定精神必须严抓不放、常抓不懈。",
        "打好教育提醒、通报曝光，监督检查、明察暗访，严查快处、督促整改的“组合拳”，坚决遏制节日期间易发多发的“四风”问题，推动风气持续向好，不断加固中央八项规定堤坝。",
    ),
    (
        "ccdi/t20241226_396659.html",
        "http://www.ccdi.gov.cn/toutiaon/202412/t20241226_396659.html",
        "中央纪委国家监委公开通报七起违反中央八项规定精神典型问题",
        "2024-12-26T17:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站讯 元旦、春节将至，必须坚守节点，以严的标准深入落实中央八项规定精神。",
        "头，拓宽畅通举报渠道，用好大数据手段，加强监督检查、明察暗访，及时发现、严肃查处违规违纪行为，通报曝光典型案例，激浊扬清、扶正祛邪，切实让干部群众感受到新气象。",
    ),
    (
        "ccdi/t20241231_397601.html",
        "http://www.ccdi.gov.cn/pln/202412/t20241231_397601.html",
        "广安观潮丨紧盯关键节点，把严的基调一贯到底",
        "2024-12-31T07:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站 李鹃",
        "的优良传统、培树新风正气，同传承节日文化结合起来，引导党员干部把纪律内化于心、外化于行，形成遵规守纪、崇廉拒腐的思想自觉和行动自觉，不断营造风清气正的节日氛围。",
    ),
    (
        "ccdi/t20250106_398677.html",
        "http://www.ccdi.gov.cn/specialn/zjwscqh/zjwscqhtopnews/202501/t20250106_398677.html",
        "推进新征程纪检监察工作高质量发展常态长效深化落实中央八项规定精神",
        "2025-01-06T00:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站 陆丽环 王卓",
        "，更加坚定不移加强作风建设，不断培土加固中央八项规定堤坝，着力推动正风反腐一体深化，以清风正气凝聚干事创业的正能量，为开创各项事业蓬勃发展的新局面提供坚强保障。",
    ),
    (
        "ccdi/t20250120_401537.html",
        "http://www.ccdi.gov.cn/toutiaon/202501/t20250120_401537.html",
        "要留清气满乾坤——2024年以习近平同志为核心的党中央贯彻执行中央八项规定、推进作风建设综述",
        "2025-01-20T16:15:00+08:00",
        "zh-Hans",
        "“带头严格遵守党的纪律和规矩，带头弘扬党的优良传统和作风”“坚决同各种不正之风和腐败现象作斗争”……",
        "（记者 孙少龙、丁小溪、张研）",
    ),
    (
        "ccdi/t20250126_402822.html",
        "http://www.ccdi.gov.cn/yaowenn/202501/t20250126_402822.html",
        "深度关注丨寸步不让纠“四风”",
        "2025-01-26T07:02:00+08:00",
        "zh-Hans",
        "盯牢节日期间易发多发老问题 瞄准隐形变异新苗头",
        "春节将至，各地纪检监察机关坚持零容忍，严肃查处顶风违纪、隐形变异“四风”问题，不断释放寸步不让纠治“节日腐败”的强烈信号。",
    ),
    (
        "ccdi/t20250424_419135.html",
        "http://www.ccdi.gov.cn/toutiaon/202504/t20250424_419135.html",
        "中央纪委国家监委公开通报十起违反中央八项规定精神典型问题",
        "2025-04-24T17:00:00+08:00",
        "zh-Hans",
        "中央纪委国家监委网站讯 “五一”将至，落实中央八项规定精神必须紧盯不放、寸步不让。",
        "“五一”将至，要紧盯节日期间易发多发“四风”问题，畅通举报渠道，拓宽线索来源，健全明察暗访机制，及时发现、严肃查处违规违纪问题，着力营造风清气正的节日氛围。",
    ),
    (
        "cgtn/CGTNDetailsPage.htm",
        "https://www.cgtn.com/news/3d3d514d3259544d32457a6333566d54/index.html",
        "China, Cambodia to step up cooperation in trade, infrastructure",
        "2019-01-21T19:49:00+08:00",
        "en",
        "Chinese President Xi Jinping called for accelerating the alignment of China's Be",
        "dollars by 2020.",
    ),
    (
        "cgtn/DetailsPage.htm",
        "https://news.cgtn.com/news/3d3d514e7a51444d32457a6333566d54/share.html",
        "May's Brexit deal heavily defeated, no-confidence vote called",
        "2019-01-16T09:10:00+08:00",
        "en",
        "Britain's parliament on Tuesday resoundingly rejected Prime Minister Theresa May's Brexit deal",
        "when the new European Parliament will be formed.",
    ),
    (
        "globaltimes/huanqiu_gne_3yWyyCuSR4w_2020-06.html",
        "https://3w.huanqiu.com/a/d80b1f/3yWyyCuSR4w",
        "补壹刀：别笑！18人的“新八国联军”今天成立了",
        "2020-06-05T20:35:00+08:00",
        "zh-Hans",
        "执笔/叨叨姐、胡一刀&李小飞刀",
        "图片均来自网络",
    ),
    (
        "info_gov_hk/P2019123100667.htm",
        "https://www.info.gov.hk/gia/general/201912/31/P2019123100667.htm",
        "CHP closely monitors cluster of pneumonia cases on Mainland",
        "2019-12-31T19:06:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health is today (Dec",
        "t travel history and wear a surgical mask to help prevent spread of the disease.",
    ),
    (
        "info_gov_hk/P2019123100709.htm",
        "https://www.info.gov.hk/gia/general/201912/31/P2019123100709.htm",
        "Suspected MERS case reported",
        "2019-12-31T19:50:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health today (Decemb",
        "perating overseas tours are advised to refer to the CHP's health advice on MERS.",
    ),
    (
        "info_gov_hk/P2019123100711.htm",
        "https://www.info.gov.hk/gia/general/201912/31/P2019123100711.htm",
        "Public hospitals heighten vigilance against suspected pneumonia cases on Mainland",
        "2019-12-31T19:30:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "ntre of Health Protection of the DH to monitor the development of the situation.",
    ),
    (
        "info_gov_hk/P2020010200831.htm",
        "https://www.info.gov.hk/gia/general/202001/02/P2020010200831.htm",
        "Government holds inter-departmental meeting on cluster of pneumonia cases in Wuhan (with photo)",
        "2020-01-02T23:56:00+08:00",
        "en",
        "The Government today (January 2) held an inter-departmental meeting to examine t",
        "class at school, avoid going to crowded places and seek medical advice promptly.",
    ),
    (
        "info_gov_hk/P2020010300836.htm",
        "https://www.info.gov.hk/gia/general/202001/03/P2020010300836.htm",
        "CHP provides latest information on cluster of pneumonia cases in Wuhan (with photo)",
        "2020-01-03T21:08:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health (DH) today (J",
        "t travel history and wear a surgical mask to help prevent spread of the disease.",
    ),
    (
        "info_gov_hk/P2020010400582.htm",
        "https://www.info.gov.hk/gia/general/202001/04/P2020010400582.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-04T17:35:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "Five of them have been discharged.",
    ),
    (
        "info_gov_hk/P2020010500493.htm",
        "https://www.info.gov.hk/gia/general/202001/05/P2020010500493.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-05T17:00:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "Five of them have been discharged.",
    ),
    (
        "info_gov_hk/P2020010500498.htm",
        "https://www.info.gov.hk/gia/general/202001/05/P2020010500498.htm",
        "Suspected MERS case reported",
        "2020-01-05T18:00:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health today (Januar",
        "perating overseas tours are advised to refer to the CHP's health advice on MERS.",
    ),
    (
        "info_gov_hk/P2020010600511.htm",
        "https://www.info.gov.hk/gia/general/202001/06/P2020010600511.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-06T17:20:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "Seven of the patients have been discharged.",
    ),
    (
        "info_gov_hk/P2020010600666.htm",
        "https://www.info.gov.hk/gia/general/202001/06/P2020010600666.htm",
        "Suspected MERS case reported",
        "2020-01-06T18:40:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health today (Januar",
        "perating overseas tours are advised to refer to the CHP's health advice on MERS.",
    ),
    (
        "info_gov_hk/P2020010700549.htm",
        "https://www.info.gov.hk/gia/general/202001/07/P2020010700549.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-07T17:12:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "Thirteen of the patients have been discharged.",
    ),
    (
        "info_gov_hk/P2020010700560.htm",
        "https://www.info.gov.hk/gia/general/202001/07/P2020010700560.htm",
        "Blood Donation Precautionary Measures in Response to the Wuhan Pneumonia Cases",
        "2020-01-07T20:05:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "maintain a stable blood supply for patients in need throughout the long holiday.",
    ),
    (
        "info_gov_hk/P2020010700619.htm",
        "https://www.info.gov.hk/gia/general/202001/07/P2020010700619.htm",
        "Suspected case tests negative for MERS-CoV",
        "2020-01-07T18:42:00+08:00",
        "en",
        "The Centre for Health Protection of the Department of Health today (January 7) r",
        "day (January 6), upon preliminary testing, tested negative for MERS Coronavirus.",
    ),
    (
        "info_gov_hk/P2020010800491.htm",
        "https://www.info.gov.hk/gia/general/202001/08/P2020010800491.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-08T17:15:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "Twenty-one of the patients have been discharged.",
    ),
    (
        "info_gov_hk/P2020010800800.htm",
        "https://www.info.gov.hk/gia/general/202001/08/P2020010800800.htm",
        "Public hospitals further enhances surveillance and infection control measures",
        "2020-01-08T20:25:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        "t and to timely inform the public and healthcare workers the latest information.",
    ),
    (
        "info_gov_hk/P2020010900455.htm",
        "https://www.info.gov.hk/gia/general/202001/09/P2020010900455.htm",
        "Update on latest MERS situation in United Arab Emirates",
        "2020-01-09T15:00:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health is today (Jan",
        "perating overseas tours are advised to refer to the CHP's health advice on MERS.",
    ),
    (
        "info_gov_hk/P2020010900622.htm",
        "https://www.info.gov.hk/gia/general/202001/09/P2020010900622.htm",
        "Public hospital daily update on Wuhan-related cases",
        "2020-01-09T20:12:00+08:00",
        "en",
        "The following is issued on behalf of the Hospital Authority:",
        " the public and healthcare workers on the latest information in a timely manner.",
    ),
    (
        "info_gov_hk/P2020010900740.htm",
        "https://www.info.gov.hk/gia/general/202001/09/P2020010900740.htm",
        "CHP provides update on latest progress on cluster of pneumonia cases in Wuhan",
        "2020-01-09T20:14:00+08:00",
        "en",
        "The Centre for Health Protection (CHP) of the Department of Health today (Januar",
        " always maintain good personal and environmental hygiene when travelling abroad.",
    ),
    (
        "mfa/en_2511_665403_t1790521.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1790521.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on June 19, 2020",
        "2020-06-19T00:00:00+08:00",
        "en",
        "As agreed by China and the EU, Premier Li Keqiang of the State Council will hold",
        "d military channels, and jointly uphold peace and stability in the border areas.",
    ),
    (
        "mfa/en_2511_665403_t1793120.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1793120.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on June 29, 2020",
        "2020-06-29T00:00:00+08:00",
        "en",
        "CCTV: The US recently announced imposition of visa restrictions on some Chinese ",
        "ore to enhance China-Australia mutual trust and mutually beneficial cooperation.",
    ),
    (
        "mfa/en_2511_665403_t1793427.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1793427.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on June 30, 2020",
        "2020-06-30T00:00:00+08:00",
        "en",
        "CCTV: On June 29, US Secretary of State Mike Pompeo said in a State Department p",
        "rd its own interests and will take necessary reactions to the erroneous US move.",
    ),
    (
        "mfa/en_2511_665403_t1793861.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1793861.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July 1, 2020",
        "2020-07-01T00:00:00+08:00",
        "en",
        "In recent years, the US government has placed unwarranted restrictions on Chines",
        "tic channels, and ease the situation and lower the temperature along the border.",
    ),
    (
        "mfa/en_2511_665403_t1794266.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1794266.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July 2, 2020",
        "2020-07-02T00:00:00+08:00",
        "en",
        "As agreed by both sides, the ninth ministerial meeting of the China-Arab States ",
        "s look after the planet we all call home and ensure its sustainable development.",
    ),
    (
        "mfa/en_2511_665403_t1794629.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1794629.shtml",
        "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July 3, 2020",
        "2020-07-03T00:00:00+08:00",
        "en",
        "CCTV: The foreign ministry of Laos issued a statement expressing congratulations",
        "p hyping up Diaoyu Dao-related issues, and refrain from stirring up new trouble.",
    ),
    (
        "mfa/zh_fyrbt_674889_t1421084.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1421084.shtml",
        "外交部发言人耿爽就美国当选总统特朗普同台湾地区领导人蔡英文通电话答记者问",
        "2016-12-03T00:00:00+08:00",
        "zh-Hans",
        "问：据媒体报道，12月2日美国当选总统特朗普同台湾地区领导人蔡英文通了电话。",
        "我们敦促美国有关方面信守奉行一个中国政策、遵守中美三个联合公报原则的承诺，谨慎、妥善处理涉台问题，以免中美关系大局受到不必要的干扰。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1425791.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1425791.shtml",
        "外交部发言人华春莹就圣多美和普林西比与台湾“断交”答记者问",
        "2016-12-21T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，圣多美和普林西比政府发表声明，决定自即日起与台湾“断交”。",
        "该决议所确认的一个中国原则已成为国际社会的普遍共识。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1441420.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1441420.shtml",
        "外交部发言人耿爽就英国发表《香港问题半年报告》答记者问",
        "2017-02-24T00:00:00+08:00",
        "zh-Hans",
        "问：英国政府刚刚发表最新一份《香港问题半年报告》。",
        "我们要求英方不要发表有关报告，停止干预香港事务。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1562225.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1562225.shtml",
        "外交部发言人陆慷就布基纳法索政府发表声明决定同台湾“断交”答记者问",
        "2018-05-24T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，布基纳法索政府发表声明，决定自即日起同台湾“断交”。",
        "我们欢迎布基纳法索在一个中国原则基础上早日加入中非友好合作大家庭。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1602157.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1602157.shtml",
        "外交部发言人华春莹就美领导人在涉台等问题上无端指责中国答记者问",
        "2018-10-05T00:00:00+08:00",
        "zh-Hans",
        "问：美国副总统彭斯10月4日讲话中还就台湾、南海、人权和宗教等问题对中方进行无端指责、干涉中国内政。",
        "奉劝美方好好照照镜子，多反省反省自己国内存在的人权问题，而不是利用人权和宗教问题干涉中国内政。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1672526.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1672526.shtml",
        "外交部发言人耿爽就香港修例问题发表谈话",
        "2019-06-15T00:00:00+08:00",
        "zh-Hans",
        "我们注意到香港特区行政长官林郑月娥今天宣布，特区政府决定暂缓修订《逃犯条例》工作，国务院港澳事务办公室发言人已就此发表谈话。",
        "中方维护国家主权、安全和发展利益、维护香港繁荣稳定的决心坚定不移。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1686604.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1686604.shtml",
        "外交部发言人华春莹就美国会众议长佩洛西涉港错误言论答记者问",
        "2019-08-06T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，美国众议院议长佩洛西6日发表声明称，香港特区政府拒绝尊重法治和“一国两制”框架，与香港市民的“非凡勇气”形成鲜明对比。",
        "任何妄图破坏“一国两制”、破坏香港繁荣稳定的图谋都必将遭到包括广大香港同胞在内的全体中国人民的坚决反对，任何干预香港事务和中国内政的企图都不会得逞。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1687584.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1687584.shtml",
        "外交部发言人华春莹就美方涉港恶劣言论答记者问",
        "2019-08-09T00:00:00+08:00",
        "zh-Hans",
        "问：针对有媒体曝光美驻港领事官员会见香港分裂分子，美国务院发言人昨天称，泄露美外交官私人信息完全不可接受，只有“野蛮政权”、不负责任的国家才会这样做。",
        "我们敦促美方遵守国际法和国际关系基本准则，立即停止插手香港事务，立即停止干涉中国内政。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1687809.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1687809.shtml",
        "外交部发言人华春莹就英方涉港错误言行答记者问",
        "2019-08-10T00:00:00+08:00",
        "zh-Hans",
        "问:据报道，英国外交部发言人称，拉布外交大臣9日就香港局势与香港特别行政区行政长官林郑月娥通话，请问中方对此有何评论?",
        "中方严正要求英方立即停止一切插手香港事务、干涉中国内政的行为，不要再对香港指手画脚、煽风点火。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1688510.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1688510.shtml",
        "外交部发言人华春莹就美方涉港恶劣言论答记者问",
        "2019-08-13T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，12日，美众院议长佩洛西，参议员麦康奈尔、卢比奥，众议员约胡等人发推特，指责香港特区警察使用暴力镇压示威者，并妄称中国中央政府侵蚀香港的民主和自由，",
        "香港不用你们操心。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1698150.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1698150.shtml",
        "外交部发言人华春莹就所罗门群岛政府决定同台湾“断交”并与中国建交答记者问",
        "2019-09-16T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，9月16日，所罗门群岛政府召开内阁会议，决定承认一个中国原则，同台湾“断交”并与中国建交。",
        "我们愿意与所方共同努力，开启两国关系发展新的广阔前景。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1701755.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1701755.shtml",
        "外交部发言人耿爽就美国国会参众两院外委会通过“香港人权与民主法案”答记者问",
        "2019-09-25T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，美国国会参众两院外委会刚刚审议通过了“香港人权与民主法案”。",
        "中方强烈敦促美国会一些人认清形势，立即停止推动审议有关涉港法案，立即停止插手香港事务、干涉中国内政，以免进一步损害中美关系。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1708148.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1708148.shtml",
        "外交部发言人耿爽就美国国会众议院全会通过“香港人权与民主法案”答记者问",
        "2019-10-16T00:00:00+08:00",
        "zh-Hans",
        "问：据报道，美国国会众议院全会当地时间15日审议通过了“香港人权与民主法案”。",
        "我们奉劝美方认清形势，悬崖勒马，立即停止推动审议有关涉港法案，立即停止插手香港事务、干涉中国内政。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1717260.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1717260.shtml",
        "外交部发言人耿爽就美国国会参议院通过“香港人权与民主法案”发表谈话",
        "2019-11-20T00:00:00+08:00",
        "zh-Hans",
        "11月19日，美国国会参议院审议通过“香港人权与民主法案”。",
        "如果美方一意孤行，中方必将采取有力措施予以坚决反制，坚定维护国家主权、安全、发展利益。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1731219.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1731219.shtml",
        "外交部发言人耿爽就台湾选举答记者问",
        "2020-01-12T00:00:00+08:00",
        "zh-Hans",
        "问：台湾地区领导人选举结果出炉，你对此有何评论？",
        "我们希望并相信国际社会将继续坚持一个中国原则，理解和支持中国人民反对“台独”分裂活动、争取完成国家统一的正义事业。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1731294.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1731294.shtml",
        "外交部发言人耿爽就有关国家高官祝贺台湾地区选举事答记者问",
        "2020-01-12T00:00:00+08:00",
        "zh-Hans",
        "问：台湾地区领导人选举结果揭晓后，美、英、日本等一些中国建交国的高级官员向蔡英文表示祝贺，中方对此持何态度？",
        "地区发展任何官方关系和进行任何官方性质的往来，慎重妥善处理涉台问题，不向“台独”势力发出任何错误信号，以实际行动支持两岸关系和平发展，维护与中国双边关系的大局。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1781766.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1781766.shtml",
        "外交部发言人就全国人大会议涉港议程发表谈话",
        "2020-05-22T00:00:00+08:00",
        "zh-Hans",
        "国务院港澳办发言人和香港中联办发言人已分别就十三届全国人大三次会议审议《全国人民代表大会关于建立健全香港特别行政区维护国家安全的法律制度和执行机制的决定（草案）",
        "中国政府维护国家主权、安全、发展利益的决心坚定不移，反对任何外部势力干涉香港事务的决心坚定不移。",
    ),
    (
        "mfa/zh_fyrbt_674889_t1793459.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1793459.shtml",
        "外交部发言人就全国人大常委会审议通过香港国安法发表谈话",
        "2020-06-30T00:00:00+08:00",
        "zh-Hans",
        "国务院港澳办和香港中联办已分别就十三届全国人大常委会第二十次会议通过《中华人民共和国香港特别行政区维护国家安全法》发表声明。",
        "任何势力、任何情况都动摇不了中国政府和中国人民维护国家主权安全、维护香港繁荣稳定的决心和意志，任何妄想利用香港危害中国主权、安全、发展利益的图谋都绝不会得逞。",
    ),
    (
        "people/fundus_People_2024_04_24_politics_c1001-40223222.html",
        "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html",
        "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向",
        "2024-04-24T23:52:00+08:00",
        "zh-Hans",
        "新华社北京4月24日电 题：促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向",
        "的法国天体物理学与行星学研究所研究员米歇尔・布兰深表赞同，他表示期待各国年轻一代航天人才进一步加强交流与合作，在航天领域实现科学梦想，共同探索太空，造福全人类。",
    ),
    (
        "people/gne_people_1.html",
        "http://culture.people.com.cn/n1/2019/0615/c1013-31137720.html",
        "女儿出嫁，郑板桥画了几笔兰花当嫁妆",
        "2019-06-15T08:18:00+08:00",
        "zh-Hans",
        "父亲的教诲像一盏灯，为我们照亮前行的路；父亲的关爱像一把伞，为我们遮蔽人世间的风风雨雨。",
        "虽然，东方朔为人洒脱不羁，但，在这首诫子诗中，他与普通父亲并没有差别，字里行间都是对儿子的爱。",
    ),
    (
        "xinhua/gne_xinhuanet_world_2019-12-10_c_1125327450.htm",
        "http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm",
        "法国全国大罢工再次严重影响交通",
        "2019-12-10T07:57:40+08:00",
        "zh-Hans",
        "新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工，反对政府进行退休制度改革，首都巴黎交通几乎完全瘫痪，其他多个城市交通也受到影响。",
        "总理菲利普将于11日宣布退休制度改革的总体架构。",
    ),
]

# Pages known not to hold their article text: expected empty text with a warning.
SHELLS: set[str] = set()


def _real(rel: str) -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real-page corpus not found at {REAL.resolve()} (it lives in ../shared beside the repo)")
    path = REAL / rel
    if not path.is_file():
        pytest.skip(f"{rel} missing from the real-page corpus")
    return path


@pytest.mark.parametrize("rel,url,title,published,lang,first,last", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_real_article(rel, url, title, published, lang, first, last):
    path = _real(rel)
    found = source_for_url(url)
    assert found is not None, f"{url} matches no article pattern in the registry"
    source, _ = found
    doc = extract_document(path.read_bytes(), url, source)
    assert doc["title"] == title
    assert doc["published_at"] == published
    assert doc["lang"] == lang
    assert doc["url"] == url
    text = doc["text"]
    if rel in SHELLS:
        assert text == "" and any("shell" in w for w in doc["warnings"])
        return
    assert text.startswith(first) or first in text.split("\n")[0], text[:200]
    assert last in text[-600:], text[-300:]
    for chrome in CHROME:
        assert chrome not in text, f"page chrome {chrome!r} in the text of {rel}"
    assert not CHROME_WORDS.search(text)
    assert "\n\n" not in text and text == text.strip()
    assert not text.startswith(title)


def test_info_gov_hk_keeps_the_ends_trailer():
    """The GIA trailer is part of the release as published (and carries the issue time)."""
    path = _real("info_gov_hk/P2020010900455.htm")
    url = "https://www.info.gov.hk/gia/general/202001/09/P2020010900455.htm"
    doc = extract_document(path.read_bytes(), url, get_registry()["hk_gov_press"])
    assert doc["text"].endswith("Ends/Thursday, January 9, 2020\nIssued at HKT 15:00\nNNNN")
    assert "*****" not in doc["text"]


def test_people_gb2312_declared_utf8_stored():
    """people.com.cn pages declare GB2312; the saved copies are UTF-8: the bytes win, with a warning."""
    path = _real("people/fundus_People_2024_04_24_politics_c1001-40223222.html")
    url = "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html"
    doc = extract_document(path.read_bytes(), url, get_registry()["peoples_daily"])
    assert doc["encoding"] == "utf-8"
    assert any("declared charset" in w for w in doc["warnings"])
    assert "习近平主席" in doc["text"]


# (file, URL it was served at, source id, article URLs that must be found)
LISTINGS = [
    (
        "mfa/zh_fyrbt_674889_default.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default.shtml",
        "mfa",
        [
            "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1793459.shtml",
            "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1794584.shtml",
        ],
        15,
    ),
    (
        "mfa/zh_fyrbt_674889_default_1.shtml",
        "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default_1.shtml",
        "mfa",
        ["https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1788362.shtml"],
        15,
    ),
    (
        "mfa/en_2511_665403_default.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/default.shtml",
        "mfa",
        [
            "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1794629.shtml",
            "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1793120.shtml",
        ],
        20,
    ),
    (
        "mfa/en_2511_665403_default_1.shtml",
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/default_1.shtml",
        "mfa",
        ["https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1775332.shtml"],
        20,
    ),
    (
        "ccdi/search_results_selenium_page_source.html",
        "https://www.ccdi.gov.cn/was5/web/search",
        "ccdi",
        [
            "http://www.ccdi.gov.cn/toutiaon/202504/t20250424_419135.html",
            "http://www.ccdi.gov.cn/pln/202412/t20241231_397601.html",
        ],
        10,
    ),
    (
        "cgtn/CGTNHomePage.htm",
        "https://www.cgtn.com/",
        "cgtn",
        ["https://news.cgtn.com/news/3d3d414f3055544d32457a6333566d54/index.html"],
        30,
    ),
    (
        "xinhua/gumbo_benchmarks_xinhuanet_homepage_2014.html",
        "http://www.xinhuanet.com/",
        "xinhua",
        ["http://news.xinhuanet.com/politics/2014-09/07/c_126961780.htm"],
        100,
    ),
    (
        "globaltimes/www.globaltimes.cn_homepage_2018-03-21.html",
        "http://www.globaltimes.cn/",
        "global_times",
        ["http://www.globaltimes.cn/content/1094591.shtml"],
        10,
    ),
]


@pytest.mark.parametrize("rel,url,source_id,known,at_least", LISTINGS, ids=[x[0] for x in LISTINGS])
def test_real_listing(rel, url, source_id, known, at_least):
    path = _real(rel)
    source = get_registry()[source_id]
    links = extract_links(path.read_bytes(), url)
    articles = [u for u in links if source.match_article(u)]
    for u in known:
        assert u in links, f"{u} not among the links of {rel}"
        assert source.match_article(u), f"{u} does not match the {source_id} article patterns"
    assert len(articles) >= at_least
    assert len(set(links)) == len(links)
    # listings' own navigation must not pass for articles
    assert not any(u.endswith(("/default.shtml", "/index.html", "/index.htm")) and "/news/" not in u for u in articles)


def test_cgtn_share_layout_links_are_articles():
    """The 2019 homepage links share.html pages; their text is in a data-json attribute, so they are articles."""
    path = _real("cgtn/MainPage.htm")
    links = extract_links(path.read_bytes(), "https://www.cgtn.com/")
    shares = [u for u in links if u.endswith("/share.html")]
    assert len(shares) >= 10
    cgtn = get_registry()["cgtn"]
    ours = [u for u in shares if u.split("/")[2] in cgtn.allowed_domains]  # not newsus.cgtn.com (US edition)
    articles = cgtn.article_urls(ours)
    assert len(ours) >= 40 and len(articles) == len(ours) and all(u.endswith("/index.html") for u in articles)
    # DetailsPage.htm is this article's share view
    assert "https://news.cgtn.com/news/3d3d514e7a51444d32457a6333566d54/index.html" in articles
