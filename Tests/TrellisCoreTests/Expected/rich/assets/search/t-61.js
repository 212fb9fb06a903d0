TRELLIS_SEARCH.shard("a",{"terms":"a\nabout\nanchor\nand\nanother\nare\nask\nat","docs":["0121111111","A","0","61111","0","0","2","0"],"titles":["04","A","","","","","2","0"]});
