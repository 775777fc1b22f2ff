"""A small SMPP 3.4 server (an SMSC) for the tests and the bench, run as its own process:

    python tests/smpp_server.py --port 2775 --log received.jsonl [--refuse-bind] [--throttle N]

It answers bind_transmitter / bind_transceiver (or refuses them with ESME_RBINDFAIL), enquire_link
and unbind, and accepts submit_sm with a message id (the first N answered ESME_RTHROTTLED with
--throttle N). Every accepted part is one JSON line in the log: the addresses, data_coding,
esm_class, the short_message bytes and the text of the part (its UDH taken off). PDUs are read and
written with smpplib's codec, as a real SMSC's peer would see them.
"""

from __future__ import annotations

import argparse
import json
import socketserver
import struct
import threading

from smpplib import consts, smpp

ESME_RBINDFAIL, ESME_RTHROTTLED = 0x0D, 0x58


class _Client:
    """What smpplib's PDU classes ask of a client: a sequence counter."""

    sequence = 0

    def next_sequence(self):
        self.sequence += 1
        return self.sequence


def _text(part: bytes, data_coding: int, esm_class: int) -> str:
    if esm_class & consts.SMPP_GSMFEAT_UDHI:
        part = part[part[0] + 1:]
    if data_coding == consts.SMPP_ENCODING_ISO10646:
        return part.decode("utf-16-be")
    table = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
             "ÄÖÑÜ`¿abcdefghijklmnopqrstuvwxyzäöñüà")
    extension = {0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]",
                 0x40: "|", 0x65: "€"}
    out, escape = [], False
    for byte in part:
        if escape:
            out.append(extension.get(byte, "?"))
            escape = False
        elif byte == 0x1B:
            escape = True
        else:
            out.append(table[byte] if byte < len(table) else "?")
    return "".join(out)


class Handler(socketserver.BaseRequestHandler):
    def _read(self) -> bytes | None:
        head = self._exact(4)
        if head is None:
            return None
        (length,) = struct.unpack(">L", head)
        rest = self._exact(length - 4)
        return None if rest is None else head + rest

    def _exact(self, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            chunk = self.request.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _answer(self, name: str, request, status: int = consts.SMPP_ESME_ROK, **params) -> None:
        response = smpp.make_pdu(name, client=_Client(), status=status, **params)
        response.sequence = request.sequence  # (make_pdu does not take it as an argument)
        self.request.sendall(response.generate())

    def handle(self) -> None:
        server = self.server
        while True:
            raw = self._read()
            if raw is None:
                return
            pdu = smpp.parse_pdu(raw, client=_Client(), allow_unknown_opt_params=True)
            if pdu.command in ("bind_transmitter", "bind_transceiver"):
                status = ESME_RBINDFAIL if server.options.refuse_bind else consts.SMPP_ESME_ROK
                self._answer(f"{pdu.command}_resp", pdu, status=status, system_id="umid-test-smsc")
                if status:
                    return
            elif pdu.command == "enquire_link":
                self._answer("enquire_link_resp", pdu)
            elif pdu.command == "unbind":
                self._answer("unbind_resp", pdu)
                return
            elif pdu.command == "submit_sm":
                with server.lock:
                    server.submits += 1
                    throttled = server.submits <= server.options.throttle
                    if not throttled:
                        server.accepted += 1
                        message_id = f"m{server.accepted}"
                        server.log.write(json.dumps({
                            "destination_addr": pdu.destination_addr.decode(),
                            "source_addr": pdu.source_addr.decode(),
                            "data_coding": pdu.data_coding, "esm_class": pdu.esm_class,
                            "short_message": pdu.short_message.hex(),
                            "text": _text(pdu.short_message, pdu.data_coding, pdu.esm_class),
                        }, ensure_ascii=False) + "\n")
                        server.log.flush()
                if throttled:
                    self._answer("submit_sm_resp", pdu, status=ESME_RTHROTTLED)
                else:
                    self._answer("submit_sm_resp", pdu, message_id=message_id)
            else:
                self._answer("generic_nack", pdu, status=consts.SMPP_ESME_RINVCMDID)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--refuse-bind", action="store_true")
    parser.add_argument("--throttle", type=int, default=0)
    options = parser.parse_args()
    with open(options.log, "a", encoding="utf-8") as log, Server(("127.0.0.1", options.port), Handler) as server:
        server.options, server.log, server.lock = options, log, threading.Lock()
        server.submits = server.accepted = 0
        print("listening", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
