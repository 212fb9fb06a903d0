TRELLIS_SEARCH.shard("ا",{"terms":"اجرای\nاختلاف\nانها","docs":["0","0","0"],"titles":["","",""]});
