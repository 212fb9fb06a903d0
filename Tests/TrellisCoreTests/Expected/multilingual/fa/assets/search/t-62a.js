TRELLIS_SEARCH.shard("ت",{"terms":"تبادل\nتصویری\nتمرین\nتوافق","docs":["0","0","0","0"],"titles":["0","0","",""]});
