TRELLIS_SEARCH.shard("h",{"terms":"has\nheading\nhow\nhttps","docs":["0","0","6111","B"],"titles":["","","",""]});
