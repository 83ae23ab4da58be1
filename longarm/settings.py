"""Scrapy settings for longarm: one place for politeness, middlewares and pipelines.

`longarm crawl` starts from these and overrides a few per run (run id, replay,
User-Agent contact from longarm.toml).
"""

BOT_NAME = "longarm"
SPIDER_MODULES = ["longarm.spiders"]
NEWSPIDER_MODULE = "longarm.spiders"

# Politeness: obey robots.txt, one or two requests per domain at a time, adaptive delay.
ROBOTSTXT_OBEY = True
USER_AGENT = "longarm/0.1 (+https://github.com/longarm-monitor/longarm; research crawler; contact: unset)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by +-50%
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Retries with exponential backoff (longarm.middlewares.backoff.BackoffMiddleware delays the retried request).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
LONGARM_BACKOFF_BASE = 5.0

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# No control server listening on a port of the crawl host (Scrapy 2.19 enables one by default).
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "WARNING"
# The longarm CLI owns logging (one stderr handler, quiet unless -v); Scrapy must not add its own.
LOG_INSTALL_ROOT_HANDLER = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

DOWNLOADER_MIDDLEWARES = {
    # robots.txt for every request, also those queued while it downloads (middlewares/robots.py)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "longarm.middlewares.robots.RobotsTxtMiddleware": 100,
    "longarm.middlewares.backoff.BackoffMiddleware": 560,
    # Article redirects and meta refreshes to another site: logged and counted, not dropped silently
    # (just before RedirectMiddleware, 600, and MetaRefreshMiddleware, 580; see longarm.middlewares.offsite_redirect).
    "longarm.middlewares.offsite_redirect.OffsiteRedirectMiddleware": 605,
    "longarm.middlewares.offsite_redirect.OffsiteRefreshMiddleware": 585,
    # Next to the downloader: archive responses before HttpCompressionMiddleware (590) decodes them.
    "longarm.middlewares.archive.ArchiveMiddleware": 950,
    "longarm.middlewares.replay.ReplayMiddleware": 960,
}

ITEM_PIPELINES = {
    "longarm.pipelines.items.StoreDocumentPipeline": 300,
    "longarm.pipelines.items.ArchiveMetadataPipeline": 400,
    "longarm.pipelines.items.ExtractThreatsPipeline": 500,
}

EXTENSIONS = {
    "longarm.progress.ProgressLine": 500,
}

# Settings used in replay (offline) crawls: no delays, no retries.
REPLAY_OVERRIDES = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_ENABLED": False,
}
