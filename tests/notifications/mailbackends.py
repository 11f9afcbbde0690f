"""Django's real SMTP backend in front of a scripted, in-process SMTP "server".

`ScriptedSMTP.script` lists what the next connections/deliveries do: an exception to raise
(ConnectionRefusedError is raised when connecting, anything else when sending) or None to
accept. Accepted messages land in `ScriptedSMTP.delivered`.
"""

import time

from django.core.mail.backends import smtp


class ScriptedSMTP:
    script: list = []
    delivered: list = []
    attempts = 0
    # Seconds each delivery takes (to hold two senders side by side in concurrency tests).
    delay = 0.0

    @classmethod
    def reset(cls, *script, delay=0.0):
        cls.script = list(script)
        cls.delivered = []
        cls.attempts = 0
        cls.delay = delay

    @classmethod
    def next_step(cls):
        return cls.script.pop(0) if cls.script else None


class _Connection:
    def sendmail(self, from_addr, to_addrs, msg):
        time.sleep(ScriptedSMTP.delay)
        step = ScriptedSMTP.next_step()
        if step is not None:
            raise step
        ScriptedSMTP.delivered.append((to_addrs, msg))
        return {}

    def quit(self):
        return None

    def close(self):
        return None


class EmailBackend(smtp.EmailBackend):
    def open(self):
        if self.connection:
            return False
        ScriptedSMTP.attempts += 1
        if ScriptedSMTP.script and isinstance(ScriptedSMTP.script[0], ConnectionError):
            raise ScriptedSMTP.script.pop(0)
        self.connection = _Connection()
        return True
