TRELLIS_SEARCH.shard("p",{"terms":"participate\npartner\nphases\nplan\npractice\nprepare","docs":["6111","6111","04","6111","061111","2"],"titles":["","","","","",""]});
