"""The filing's REST API (api.md): ``views`` (list, start, read, change a step, transitions), ``materials``
(uploads, files, face verification, the verification form, SMS resend), ``notifications`` (the inbox), with
``inputs`` for what is accepted, ``serializers`` and ``detail`` for what is answered, and ``queries`` for what
each answer reads."""
