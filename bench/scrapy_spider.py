"""The peer crawler for bench/e2e.py: Scrapy with the same limits as trawl.

Follows <a href> links within the allowed hosts, writes each crawled URL to the file named by
the TRAWL_BENCH_OUT environment variable, one per line.
"""
import os

import scrapy
from scrapy.linkextractors import LinkExtractor


class BenchSpider(scrapy.Spider):
    name = "bench"

    def __init__(self, seed=None, hosts="", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [seed]
        self.allowed_domains = hosts.split(",")
        # Scope is left to the offsite middleware (allowed_domains, by host name): the link
        # extractor's allow_domains compares host:port and would drop every link here.
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",))
        self.out = open(os.environ["TRAWL_BENCH_OUT"], "w")

    def parse(self, response):
        self.out.write(response.url + "\n")
        if b"html" not in response.headers.get("Content-Type", b""):
            return
        for link in self.links.extract_links(response):
            yield scrapy.Request(link.url, callback=self.parse)

    def closed(self, reason):
        self.out.close()
