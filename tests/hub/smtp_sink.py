#!/usr/bin/python3
"""A local SMTP sink for the hub's mail tests (Debian's python3-aiosmtpd).

Usage: /usr/bin/python3 smtp_sink.py FOLDER

Listens on 127.0.0.1 on a free port and prints "listening on PORT" (flushed).
Each message it accepts is written before the 250 answer as FOLDER/NNN.eml
(the raw bytes) and FOLDER/NNN.json: mail_from, rcpt_tos, and the message as
Python's email package decodes it (From, To, the RFC 2047 subject decoded, the
text/plain body, and each attachment's file name and content type, its bytes
in FOLDER/NNN-attachment-K); then it prints "message NNN". A recipient whose
local part starts with "refuse" is answered 550. Stops on SIGTERM.
"""
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("refuse"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%03d" % self.count
        raw = envelope.original_content or envelope.content
        with open(os.path.join(self.folder, name + ".eml"), "wb") as out:
            out.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        attachments = []
        for index, part in enumerate(message.iter_attachments()):
            path = os.path.join(self.folder, "%s-attachment-%d" % (name, index))
            with open(path, "wb") as out:
                out.write(part.get_payload(decode=True))
            attachments.append({"filename": part.get_filename(),
                                "content_type": part.get_content_type(), "path": path})
        decoded = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                   "from": str(message["From"]), "to": str(message["To"]),
                   "subject": str(message["Subject"]),
                   "body": body.get_content() if body is not None else None,
                   "attachments": attachments}
        with open(os.path.join(self.folder, name + ".json"), "w", encoding="utf-8") as out:
            json.dump(decoded, out, ensure_ascii=False)
        print("message " + name, flush=True)
        return "250 OK"


async def main(folder):
    loop = asyncio.get_running_loop()
    handler = Sink(folder)
    server = await loop.create_server(lambda: SMTP(handler, decode_data=False),
                                      "127.0.0.1", 0)
    print("listening on %d" % server.sockets[0].getsockname()[1], flush=True)
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    await stop
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
