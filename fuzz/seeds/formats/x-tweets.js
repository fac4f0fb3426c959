window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "notanumber-but-fine",
      "id" : 5,
      "full_text" : 17,
      "created_at" : "Tue May 24 09:00:00 +0000 2022"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "display_text_range" : [ "0", "13" ],
      "favorite_count" : "1",
      "id_str" : "400",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "400",
      "created_at" : "Tue May 24 08:30:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Just one post",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "user_mentions" : [ { "name" : "Independent Review of Children's Social Care", "screen_name" : "reviewCSC", "indices" : [ "3", "13" ], "id_str" : "9", "id" : "9" } ],
        "urls" : [ ]
      },
      "id_str" : "300",
      "id" : "300",
      "created_at" : "Tue May 24 08:20:00 +0000 2022",
      "full_text" : "RT @reviewCSC: The final report of the review is out today and sets out a plan for a radical reset of children&#39;s social …",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ ],
        "user_mentions" : [ { "name" : "Josh MacAlister", "screen_name" : "JoshMacAlister", "indices" : [ "0", "15" ], "id_str" : "7", "id" : "7" } ],
        "urls" : [ ]
      },
      "id_str" : "200",
      "in_reply_to_status_id_str" : "999",
      "in_reply_to_user_id" : "7",
      "in_reply_to_user_id_str" : "7",
      "in_reply_to_status_id" : "999",
      "in_reply_to_screen_name" : "JoshMacAlister",
      "id" : "200",
      "created_at" : "Tue May 24 08:10:00 +0000 2022",
      "full_text" : "@JoshMacAlister Thank you for this, and for listening &lt;3",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "id_str" : "103",
      "in_reply_to_status_id_str" : "101",
      "in_reply_to_user_id_str" : "42",
      "in_reply_to_screen_name" : "nickcook",
      "id" : "103",
      "created_at" : "Mon May 23 08:05:00 +0000 2022",
      "full_text" : "Or, another way to end it: the review is the start, not the end. 3/3",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [ { "url" : "https://t.co/PiCtUrE", "expanded_url" : "https://twitter.com/nickcook/status/102/photo/1", "type" : "photo" } ]
      },
      "extended_entities" : {
        "media" : [ { "url" : "https://t.co/PiCtUrE", "expanded_url" : "https://twitter.com/nickcook/status/102/photo/1", "type" : "photo" } ]
      },
      "id_str" : "102",
      "in_reply_to_status_id_str" : "101",
      "in_reply_to_user_id_str" : "42",
      "in_reply_to_screen_name" : "nickcook",
      "id" : "102",
      "created_at" : "Mon May 23 08:02:00 +0000 2022",
      "full_text" : "And the picture that says it best. 3/3 https://t.co/PiCtUrE",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ ],
        "user_mentions" : [ ],
        "urls" : [ { "url" : "https://t.co/AbC123", "expanded_url" : "https://www.gov.uk/government/publications/independent-review-of-childrens-social-care-final-report", "display_url" : "gov.uk/government/pub…", "indices" : [ "33", "56" ] } ]
      },
      "id_str" : "101",
      "in_reply_to_status_id_str" : "100",
      "in_reply_to_user_id_str" : "42",
      "in_reply_to_screen_name" : "nickcook",
      "id" : "101",
      "created_at" : "Mon May 23 08:01:00 +0000 2022",
      "full_text" : "The report is here, all of it: https://t.co/AbC123 2/3",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ { "text" : "CareReview", "indices" : [ "28", "39" ] } ],
        "user_mentions" : [ { "name" : "Department for Education", "screen_name" : "educationgovuk", "indices" : [ "60", "75" ], "id_str" : "3", "id" : "3" } ],
        "urls" : [ ]
      },
      "id_str" : "100",
      "id" : "100",
      "created_at" : "Mon May 23 08:00:00 +0000 2022",
      "full_text" : "A personal 🧵 on today's #CareReview &amp; what it asks of @educationgovuk 1/3",
      "lang" : "en"
    }
  }
]
