"""The reference for the throughput benchmark: the least a Flask endpoint can do with a JSON POST
(parse it, answer 201 with JSON), run by the same gunicorn settings as Sawt."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/grievances")
def receive():
    return jsonify({"fields": len(request.get_json())}), 201


@app.get("/ready")
def ready():
    return "ok"
